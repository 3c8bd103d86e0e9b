"""The outbox: the machinery that sends every email, whatever it says. An email is first a `Notification` row,
written in the same transaction as the change that causes it, then delivered by a Celery task. Nothing here
names a kind of email: each feature's module in `recruitment.emails` registers its own.

- `kinds`: the registry of email kinds (`register`, `kind_for`, the model's `kind_choices`);
- `rows`: writing rows (`insert_pending`, `notification_create`, `notify_users`), which schedules the pending
  ones for delivery on commit: the one seam between writing an email and sending it;
- `enqueue`: the one way to the broker, by task name (`enqueue`, `enqueue_on_commit`, `deliver`);
- `render`: a row into its email (paired templates, Message-ID, List-Unsubscribe);
- `delivery`: claiming, sending over SMTP, retrying and failing rows (`notifications_deliver`, `notification_retry`);
- `sweeper`: what a lost message or a killed worker left behind (`outbox_sweep`);
- `requeue`: the quick sweep of rows waiting for the broker or the SMTP server (`outbox_requeue`);
- `sent_marks`: the note, in the shared cache, that a server accepted a row's message.

Import the modules themselves (`from recruitment.outbox.delivery import notifications_deliver`): this package
re-exports nothing, so importing one part never drags in the rest.
"""
