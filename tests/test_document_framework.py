"""The framework a document carries, as the domain's Framework type (issue 12):
pages and services read typed sections and lists, not JSON walked by hand."""

from __future__ import annotations

from pathlib import Path

from idg_desktop.domain.framework import Framework, Section
from idg_desktop.services import plan, steps
from idg_desktop.services.assessment import document_framework, framework_of
from idg_desktop.storage.document import AssessmentDocument


def test_framework_of_types_the_documents_own_copy(demo_file: Path):
    with AssessmentDocument.open(demo_file, read_only=True) as document:
        raw = document_framework(document)
        framework = framework_of(document)
        assert isinstance(framework, Framework)
        assert framework is framework_of(document)  # read once per document
        assert framework.codes == tuple(s["code"] for s in raw["sections"])
        conduct = framework.section(framework.codes[0])
        assert isinstance(conduct, Section)
        assert conduct.arusha_statement == raw["sections"][0].get("arusha_statement")
        assert [q.id for q in conduct.questions][:2] == [
            f"{conduct.code}-{q['number']}" for q in raw["sections"][0]["subareas"][0]["questions"]
        ][:2]
        # the guide's lists beside the checklist, typed as the services use them
        assert framework.kpi_metadata_fields == raw["kpi_metadata_fields"]
        assert framework.kpi_typologies == raw["kpi_typologies"]
        assert framework.assessment_steps == raw["assessment_steps"]
        assert framework.terms_of_reference_fields == raw["terms_of_reference_fields"]
        assert framework.background_document_kinds == raw["background_document_kinds"]
        assert plan.kpi_fields(document) == raw["kpi_metadata_fields"]
        titles = steps.step_titles(document)
        assert titles[1] == raw["assessment_steps"][0]["title"]
