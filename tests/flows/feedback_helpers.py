"""Drive FeedbackFlow through the Python API (as the task views do) and find its open tasks."""

from viewflow.workflow.status import STATUS

from flows.feedback import services
from flows.feedback.flows import FeedbackFlow


def open_task(feedback, node):
    tasks = list(
        FeedbackFlow.task_class.objects.filter(process_id=feedback.process_id, flow_task=node).exclude(
            status__in=[STATUS.DONE, STATUS.CANCELED]
        )
    )
    assert len(tasks) == 1, (node, tasks)
    return tasks[0]


def complete(task, user, perform):
    with FeedbackFlow.lock(task.process_id):
        task.refresh_from_db()
        activation = task.flow_task.activation_class(task)
        activation.assign(user)
        activation.start(None)
        perform(activation)
        activation.execute()


def decide(activation, decision):
    activation.process.data["decision"] = decision
    activation.process.save()


def route(feedback, user, agency):
    def perform(activation):
        decide(activation, "route")
        services.feedback_route(feedback=activation.process.feedback, actor=user, agency=agency)

    complete(open_task(feedback, FeedbackFlow.route), user, perform)


def draft(feedback, user, answer="Câu trả lời.", is_private=False):
    complete(
        open_task(feedback, FeedbackFlow.draft),
        user,
        lambda activation: services.feedback_draft(
            feedback=activation.process.feedback, actor=user, answer=answer, is_private=is_private
        ),
    )


def approve(feedback, user, answer=None, is_private=False):
    def perform(activation):
        decide(activation, "approve")
        current = activation.process.feedback
        services.feedback_approve(
            feedback=current,
            actor=user,
            answer=answer or current.answer,
            is_private=is_private or current.is_private,
        )

    complete(open_task(feedback, FeedbackFlow.approve), user, perform)


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
