from django import template

from flows.feedback.models import QuestionIndexPage
from flows.feedback.selectors import questions_for_procedure

register = template.Library()


@register.inclusion_tag("flows/feedback/procedure_questions.html", takes_context=True)
def procedure_questions(context, procedure):
    """Answered questions about a procedure, and the link to ask one (on the procedure page)."""
    index_page = QuestionIndexPage.objects.live().only("url_path", "path", "depth").first()
    return {
        "procedure": procedure,
        "questions": questions_for_procedure(procedure=procedure) if index_page else [],
        "index_page": index_page,
        "request": context.get("request"),
    }
