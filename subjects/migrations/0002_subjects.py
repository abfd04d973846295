from django.db import migrations

# The subjects of Kazakhstan's updated curriculum (code, Kazakh, Russian, English).
SUBJECTS = [
    ("primary", "Бастауыш сынып", "Начальные классы", "Primary school"),
    ("kazakh-language", "Қазақ тілі", "Казахский язык", "Kazakh language"),
    ("kazakh-literature", "Қазақ әдебиеті", "Казахская литература", "Kazakh literature"),
    ("russian-language", "Орыс тілі", "Русский язык", "Russian language"),
    ("russian-literature", "Орыс әдебиеті", "Русская литература", "Russian literature"),
    ("english", "Ағылшын тілі", "Английский язык", "English"),
    ("mathematics", "Математика", "Математика", "Mathematics"),
    ("algebra", "Алгебра", "Алгебра", "Algebra"),
    ("geometry", "Геометрия", "Геометрия", "Geometry"),
    ("informatics", "Информатика", "Информатика", "Computer science"),
    ("physics", "Физика", "Физика", "Physics"),
    ("chemistry", "Химия", "Химия", "Chemistry"),
    ("biology", "Биология", "Биология", "Biology"),
    ("natural-science", "Жаратылыстану", "Естествознание", "Natural science"),
    ("geography", "География", "География", "Geography"),
    ("history-kazakhstan", "Қазақстан тарихы", "История Казахстана", "History of Kazakhstan"),
    ("world-history", "Дүниежүзі тарихы", "Всемирная история", "World history"),
    ("law", "Құқық негіздері", "Основы права", "Fundamentals of law"),
    ("self-knowledge", "Өзін-өзі тану", "Самопознание", "Self-knowledge"),
    ("art", "Көркем еңбек", "Художественный труд", "Art and crafts"),
    ("music", "Музыка", "Музыка", "Music"),
    ("physical-education", "Дене шынықтыру", "Физическая культура", "Physical education"),
    ("military-training", "Алғашқы әскери және технологиялық дайындық", "Начальная военная и технологическая подготовка", "Basic military and technological training"),
    ("digital-literacy", "Цифрлық сауаттылық", "Цифровая грамотность", "Digital literacy"),
    ("literary-reading", "Әдебиеттік оқу", "Литературное чтение", "Literary reading"),
    ("world-around", "Дүниетану", "Познание мира", "Knowledge of the world"),
    ("special-education", "Арнайы педагогика", "Специальная педагогика", "Special education"),
]


def add_subjects(apps, schema_editor):
    Subject = apps.get_model("subjects", "Subject")
    for position, (code, kk, ru, en) in enumerate(SUBJECTS):
        Subject.objects.update_or_create(
            code=code, defaults={"name_kk": kk, "name_ru": ru, "name_en": en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("subjects", "0001_initial")]
    operations = [migrations.RunPython(add_subjects, migrations.RunPython.noop)]
