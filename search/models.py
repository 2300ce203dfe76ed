"""The search index, the synonyms editors manage and the log of queries that found nothing.

Stock Wagtail search does not fold Vietnamese (HOUSE_STYLE, Vietnamese text), so the portal keeps its
own index: one `SearchDocument` per live page, holding folded text (see `search.text`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from search.text import indexed_form


class DocumentKind(models.TextChoices):
    """What a result is; the search page lists procedures first, in this order."""

    PROCEDURE = "procedure", _("Administrative procedure")
    QUESTION = "question", _("Q&A")
    PAGE = "page", _("Information page")


KIND_ORDER = {DocumentKind.PROCEDURE: 0, DocumentKind.QUESTION: 1, DocumentKind.PAGE: 2}


class SearchDocument(models.Model):
    """The folded, searchable text of one live page.

    Text columns hold `indexed_form` values (folded words between single spaces). `title_text` ranks
    higher than `keywords_text` (code, classification) and `body_text`; `search_text` is all three
    together, the column matched on (GIN-indexed through the `portal_search` configuration on PostgreSQL).
    """

    page = models.OneToOneField(
        Page,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("page"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices, db_index=True)
    title_text = models.TextField(_("folded title"))
    keywords_text = models.TextField(_("folded keywords"), blank=True)
    body_text = models.TextField(_("folded body"), blank=True)
    search_text = models.TextField(_("folded searchable text"))
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return self.title_text.strip()


class Synonym(models.Model):
    """An everyday phrase people type, and the official term it stands for ("sổ đỏ" → "giấy chứng nhận…").

    Applied at query time: a query containing the phrase also finds what the official term finds.
    """

    phrase = models.CharField(
        _("what people type"),
        max_length=200,
        help_text=_("An everyday phrase, for example: sổ đỏ. Diacritics and capitals do not matter."),
    )
    official_term = models.CharField(
        _("official term"),
        max_length=255,
        help_text=_("The words used in the procedure names, for example: giấy chứng nhận quyền sử dụng đất."),
    )
    phrase_folded = models.CharField(max_length=200, editable=False, db_index=True)
    official_term_folded = models.CharField(max_length=255, editable=False)

    class Meta:
        ordering = ["phrase_folded"]
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        constraints = [
            models.UniqueConstraint(
                fields=["phrase_folded", "official_term_folded"], name="unique_synonym_mapping"
            )
        ]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.official_term}"

    def save(self, *args, **kwargs):
        self._fold()
        super().save(*args, **kwargs)

    def _fold(self) -> None:
        self.phrase_folded = indexed_form(self.phrase).strip()
        self.official_term_folded = indexed_form(self.official_term).strip()

    def clean(self):
        # The unique constraint is on the folded columns, which the form does not show.
        self._fold()
        if not self.phrase_folded or not self.official_term_folded:
            raise ValidationError(_("Write words (letters or digits) in both boxes."))
        if self.phrase_folded == self.official_term_folded:
            raise ValidationError(_("The everyday phrase and the official term are the same words."))
        duplicates = Synonym.objects.filter(
            phrase_folded=self.phrase_folded, official_term_folded=self.official_term_folded
        ).exclude(pk=self.pk)
        if duplicates.exists():
            raise ValidationError(_("This synonym is already in the dictionary."))


class SearchWord(models.Model):
    """One folded word of the index and how many documents hold it.

    Rare words weigh more in ranking (`document_count` gives their IDF), and a query word missing here
    is a typo to correct. Kept current with the documents by `search.services`.
    """

    word = models.CharField(_("folded word"), max_length=64, primary_key=True)
    document_count = models.IntegerField(_("documents"), default=0)
    spelling = models.CharField(
        _("spelling"), max_length=64, blank=True, help_text=_("How a title writes it, with diacritics.")
    )

    class Meta:
        verbose_name = _("indexed word")
        verbose_name_plural = _("indexed words")

    def __str__(self) -> str:
        return self.word


class FailedQueryKind(models.TextChoices):
    ZERO_RESULTS = "zero", _("No results")
    NO_CLICK = "no_click", _("No result chosen")


class ZeroResultQuery(models.Model):
    """How often a (folded) query failed on a day: found nothing, or no result was chosen.

    Nothing about who searched is kept: no user, address, session or time of day.
    """

    query_text = models.CharField(_("query"), max_length=200)
    day = models.DateField(_("day"))
    kind = models.CharField(
        _("failure"), max_length=10, choices=FailedQueryKind.choices, default=FailedQueryKind.ZERO_RESULTS
    )
    count = models.PositiveIntegerField(_("times"), default=0)

    class Meta:
        ordering = ["-day", "-count"]
        verbose_name = _("failed query")
        verbose_name_plural = _("failed queries")
        constraints = [
            models.UniqueConstraint(fields=["query_text", "day", "kind"], name="unique_failed_query_per_day")
        ]

    def __str__(self) -> str:
        return self.query_text
