"""Drive FeedbackFlow through the Python API, as the task views do."""

from flows.feedback import services
from flows.feedback.flows import FeedbackFlow

from ..helpers import api_complete, open_task, set_decision


def route(feedback, user, agency):
    def perform(activation):
        set_decision(activation, "route")
        services.feedback_route(feedback=activation.process.feedback, actor=user, agency=agency)

    api_complete(open_task(feedback, FeedbackFlow.route), user, perform)


def draft(feedback, user, answer="Câu trả lời.", is_private=False):
    api_complete(
        open_task(feedback, FeedbackFlow.draft),
        user,
        lambda activation: services.feedback_draft(
            feedback=activation.process.feedback, actor=user, answer=answer, is_private=is_private
        ),
    )


def approve(feedback, user, answer=None, is_private=False):
    def perform(activation):
        set_decision(activation, "approve")
        current = activation.process.feedback
        services.feedback_approve(
            feedback=current,
            actor=user,
            answer=answer or current.answer,
            is_private=is_private or current.is_private,
        )

    api_complete(open_task(feedback, FeedbackFlow.approve), user, perform)


def submit(**kwargs):
    defaults = {
        "title": "Hỏi về đăng ký khai sinh",
        "question": "Tôi cần giấy tờ gì để đăng ký khai sinh cho con?",
        "asker": None,
        "asker_name": "Nguyễn Thị Lan",
        "asker_email": "lan@example.vn",
    }
    defaults.update(kwargs)
    return services.feedback_submit(**defaults)
