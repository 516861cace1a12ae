"""What the public site's words mean, in plain language: one explanation for every status,
response, kind of statement and nature of a figure, for the explanation page that every
badge links to (``#status-open``, ``#response-rejected``, ``#kind-promise`` …)."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tracker.models import Measurement, Response, Statement, Status

STATUS = {
    Status.OPEN: _("Nothing has been done yet, or nothing the coalition knows of."),
    Status.IN_PROGRESS: _("Work has started, or part of it has been done."),
    Status.ACHIEVED: _("Done, as asked or promised. This is final."),
    Status.NOT_ACHIEVED: _(
        "Closed without being done: a promise broken, or a deadline passed for good. This is final."
    ),
    Status.WITHDRAWN: _(
        "Dropped by whoever made it: the coalition dropped its demand, or government took "
        "back its promise. This is final."
    ),
}

RESPONSE = {
    Response.NONE: _("The addressee has not answered, in any document the tracker knows of."),
    Response.ACCEPTED: _(
        "The addressee agreed to do what is asked. Whether it has been done is what the "
        "status says."
    ),
    Response.PARTLY_ACCEPTED: _("The addressee agreed to part of it, or to something less."),
    Response.NOTED: _("The addressee answered without taking a position."),
    Response.REJECTED: _(
        "The addressee declined. The demand itself can still be open: the coalition keeps asking."
    ),
}

KIND = {
    Statement.Kind.PROMISE: _(
        "A concrete undertaking (toezegging) by a minister or an agency. The tracker follows "
        "it up until it is kept, broken or withdrawn. Only promises count as government's "
        "commitments."
    ),
    Statement.Kind.AIM: _(
        "An aim without an undertaking: “we strive to”, “we are working on it”. Recorded as "
        "said, not counted as a commitment."
    ),
    Statement.Kind.POSITION: _("A view of the matter, without an undertaking."),
    Statement.Kind.DECISION: _("Something decided, such as a budget choice or a bill."),
    Statement.Kind.PRACTICE: _("A description of what is already being done."),
}
WITHDRAWN_PROMISE = _(
    "A promise that government took back, shown with the day and the document in which it "
    "did so. It no longer counts as a commitment that can be kept."
)

NATURE = {
    Measurement.Nature.COUNTED: _(
        "A count of what was, such as the number of children in emergency shelter on a day."
    ),
    Measurement.Nature.ESTIMATE: _("An estimate of what was."),
    Measurement.Nature.PROJECTION: _(
        "What a source expects for a future date. Drawn as a dashed line, and never shown as "
        "the latest figure."
    ),
    Measurement.Nature.PLAN: _(
        "What is planned or budgeted, such as a budget for a coming year. Drawn as a dashed "
        "line, and never shown as the latest figure."
    ),
}


@dataclass(frozen=True)
class Term:
    anchor: str  # the fragment badges link to
    name: str | Promise
    meaning: str | Promise
    badge: str = ""  # the CSS class of the badge the term appears as, if any


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str | Promise
    intro: str | Promise
    terms: list[Term]


def sections() -> list[Section]:
    """The explanation page, in reading order."""
    return [
        Section(
            "status",
            _("Status: how far the work has come"),
            _(
                "Every demand and every promise has a status. It says what was done, not what "
                "government said it would do: that is the response."
            ),
            [
                Term(f"status-{status}", status.label, STATUS[status], f"status-{status}")
                for status in Status
            ]
            + [
                Term(
                    "overdue",
                    _("Overdue"),
                    _(
                        "Not a status but a warning: the date the document states has passed "
                        "and the item is not final. An item without a stated date is never "
                        "overdue."
                    ),
                    "overdue",
                )
            ],
        ),
        Section(
            "response",
            _("Response: how the addressee answered"),
            _(
                "An addressee often answers long before it acts, so the answer is kept apart "
                "from the status: “rejected” and “not done yet” are different facts. Each "
                "response is shown with its date, the document and the quoted words."
            ),
            [
                Term(
                    f"response-{response}",
                    response.label,
                    RESPONSE[response],
                    f"response response-{response}",
                )
                for response in Response
            ],
        ),
        Section(
            "kind",
            _("What government said, by its nature"),
            _(
                "A government statement is recorded for what it is. A norm that a letter "
                "cites, such as “school within three months”, is not a promise and is not "
                "recorded as one."
            ),
            [
                Term(f"kind-{kind}", kind.label, KIND[kind], f"kind kind-{kind}")
                for kind in Statement.Kind
            ]
            + [
                Term(
                    "kind-withdrawn-promise",
                    _("Withdrawn promise"),
                    WITHDRAWN_PROMISE,
                    "kind kind-withdrawn",
                )
            ],
        ),
        Section(
            "figures",
            _("Figures"),
            _(
                "Every figure is shown as precisely as its source states it: “about 600” is "
                "not exactly 600, “at least 23” is not 23, and a month is not a day."
            ),
            [
                Term(f"nature-{nature}", nature.label, NATURE[nature])
                for nature in Measurement.Nature
            ],
        ),
        Section(
            "terms",
            _("Dates, sources and links between demands"),
            "",
            [
                Term(
                    "no-date-given",
                    _("No date given"),
                    _(
                        "The document names a time without a date, such as “before the "
                        "summer”. The tracker quotes its words and never makes up a date, so "
                        "such an item is never overdue."
                    ),
                ),
                Term(
                    "date-to-be-set",
                    _("Date to be set"),
                    _(
                        "A meeting a document announces without a date. It is not in the "
                        "calendar until it has one. A meeting with a date but no time is shown "
                        "as a whole day."
                    ),
                ),
                Term(
                    "raised-by",
                    _("Raised by"),
                    _(
                        "Who makes the demand in the document: the coalition, one of its "
                        "members, an inspectorate, a UN committee. “Taken over” means that the "
                        "document's author adopts a demand that someone else raised."
                    ),
                ),
                Term(
                    "same-as",
                    _("Same demand as"),
                    _(
                        "The same demand, made again in another document. It keeps its own "
                        "quote and source, and is counted once in every figure, under the "
                        "demand it repeats."
                    ),
                ),
                Term(
                    "overlaps",
                    _("Overlaps with"),
                    _("Related demands, in the same or other documents, that are not the same."),
                ),
                Term(
                    "history",
                    _("History"),
                    _(
                        "Every change is written to a ledger that is never rewritten: the day "
                        "it happened, the day it was recorded, the document and its words. A "
                        "mistake is put right by a correction that points to the entry it "
                        "corrects; both stay visible."
                    ),
                ),
            ],
        ),
    ]
