from django_tasks import task


@task()
def send_delivery(delivery_id: int) -> str:
    """Background half of `services.notify()`."""
    from .services import delivery_send

    return delivery_send(delivery_id=delivery_id)
