"""The Q&A flow: feedback and petitions (phản ánh, kiến nghị) and the public Q&A section (hỏi đáp),
R-FB-1 … R-FB-4.

Owns: `models` (Feedback, QuestionIndexPage, QuestionPage, kept under the `flows` app label so that
their tables and migrations stay in `flows/migrations`), `flows` (FeedbackFlow), `services`,
`selectors`, `views`, `workspace`, `statistics`, `templates/flows/feedback/`, the `feedback_tags`
template tags and the `feedback_reminders` command. Tests: `tests/flows/feedback/`.
May import: the dossier flow's shared pieces (`flows.selectors`, `flows.services`, `flows.calendar`,
`flows.uploads`, `flows.flows`, `flows.task_views`, `flows.statistics`, `flows.workspace`), `search`,
`services_catalog`, `portal.accounts`, `portal.notifications`. The dossier flow never imports it: this
app registers itself (workspace, statistics figure) in `apps.FeedbackConfig.ready`.
"""
