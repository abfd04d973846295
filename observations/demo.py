"""The demo's observation form: the lesson observation sheet the «Шуақ» network uses
for its open lessons (five criteria, four levels each). The lessons and observations
themselves are seeded by what holds them (``events/demo.py``: the seminar of seed 004)."""

from __future__ import annotations

from networks.models import Network
from observations.models import Criterion, CriterionLevel, ObservationForm

FORM_NAME = "Сабақты бақылау парағы"
CRITERIA = (
    (
        "Оқу мақсаттарының айқындығы",
        (
            "Оқу мақсаттары айтылмайды, оқушыларға түсініксіз",
            "Мақсаттар айтылады, бірақ сабақ барысымен байланысы әлсіз",
            "Мақсаттар нақты, оқушылар не үйренетінін біледі",
            "Оқушылар мақсатты өз сөзімен айтып, жетістігін бағалай алады",
        ),
    ),
    (
        "Диалогтық оқыту",
        (
            "Мұғалім ғана сөйлейді, сұрақтар жабық",
            "Ашық сұрақтар бар, бірақ оқушылардың жауаптары қысқа",
            "Оқушылар жұпта, топта пікір алмасады",
            "Оқушылар бір-бірінің ойын дамытып, дәлелмен пікірталас жүргізеді",
        ),
    ),
    (
        "Критериалды бағалау",
        (
            "Бағалау критерийлері жоқ",
            "Критерийлер бар, бірақ оқушылар қолданбайды",
            "Оқушылар критерий бойынша өзін, бірін-бірі бағалайды",
            "Кері байланыс келесі қадамды нақты көрсетеді, оқушылар оны қолданады",
        ),
    ),
    (
        "Саралау",
        (
            "Барлығына бірдей тапсырма",
            "Деңгейлік тапсырмалар бар, бірақ таңдау мүмкіндігі жоқ",
            "Тапсырмалар оқушылардың қажеттіліктеріне сай сараланған",
            "Әр оқушы өз деңгейінен көтерілуге қолдау алады",
        ),
    ),
    (
        "Оқушылардың белсенділігі мен қызығушылығы",
        (
            "Оқушылардың көпшілігі енжар",
            "Белсенділік бірнеше оқушымен шектеледі",
            "Оқушылардың көпшілігі тапсырмаларды ынтамен орындайды",
            "Барлық оқушы сабаққа қатысып, өз бастамасын көрсетеді",
        ),
    ),
)


def observation_form(network: Network) -> ObservationForm:
    form, created = ObservationForm.objects.get_or_create(
        network=network,
        name=FORM_NAME,
        defaults={"description": "Ашық сабақтарды бақылауға арналған ортақ парақ: 5 критерий, 4 деңгей."},
    )
    if created:
        for position, (title, descriptors) in enumerate(CRITERIA, start=1):
            criterion = Criterion.objects.create(form=form, position=position, title=title)
            CriterionLevel.objects.bulk_create(
                CriterionLevel(criterion=criterion, score=score, descriptor=text)
                for score, text in enumerate(descriptors, start=1)
            )
    return form
