import os

# Before Django reads its settings: the test profile (fast hashing, mail kept in memory).
os.environ.setdefault("ORTAQ_ENV", "test")
