"""Drive DossierFlow: through the Python API as the task views do, or over HTTP as an officer clicks."""

from django.core.files.uploadedfile import SimpleUploadedFile

from viewflow.workflow.status import STATUS

from flows import services
from flows.flows import DossierFlow
from flows.models import Dossier

from .conftest import PDF_BYTES


def submitted_dossier(procedure, citizen, *, with_optional=False) -> Dossier:
    dossier = services.dossier_draft_create(
        procedure=procedure, applicant=citizen, declaration={"request": "Cấp"}
    )
    for document in procedure.documents.all():
        if document.is_required or with_optional:
            services.dossier_file_attach(
                dossier=dossier,
                document=document,
                upload=SimpleUploadedFile(f"{document.pk}.pdf", PDF_BYTES),
                user=citizen,
            )
    return services.dossier_submit(dossier=dossier, user=citizen)


def open_tasks(subject, node=None):
    """The open tasks of a dossier's (or a feedback item's) process, of `node` when given."""
    tasks = DossierFlow.task_class.objects.filter(process_id=subject.process_id).exclude(
        status__in=[STATUS.DONE, STATUS.CANCELED]
    )
    if node is not None:
        tasks = tasks.filter(flow_task=node)
    return list(tasks.order_by("pk"))


def open_task(subject, node):
    tasks = open_tasks(subject, node)
    assert len(tasks) == 1, (node, tasks)
    return tasks[0]


def api_complete(task, user, perform):
    """Assign, start and execute a human task the way Viewflow's views do, with the flow's lock."""
    with task.flow_task.flow_class.lock(task.process_id):
        task.refresh_from_db()
        activation = task.flow_task.activation_class(task)
        activation.assign(user)
        activation.start(None)
        perform(activation)
        activation.execute()


def set_decision(activation, decision):
    activation.process.data["decision"] = decision
    activation.process.save()


def http_complete(client, task, user, data):
    """Take the task from the queue and submit its form, as the officer would click."""
    client.force_login(user)
    assign_url = task.flow_task.reverse("assign", args=[task.process_id, task.pk])
    response = client.post(assign_url)
    assert response.status_code == 302, response.content[:500]
    execute_url = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
    response = client.get(execute_url)
    assert response.status_code == 200
    response = client.post(execute_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response
