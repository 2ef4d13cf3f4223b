"""The words educators type for a vocabulary value, besides its label.

An educator looking for the subject `english-learners` types "ELL", "EL" or "multilingual
learners"; one looking for the role `school-leader` types "principal". The search index
files these words with the value's label (search_index.py), so a query finds the
credentials that carry the value whatever word names it. Values of any vocabulary share
the table: no two vocabularies of the schema name one value differently. A value the
schema adds later is found by its label alone until it is listed here.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import display

SYNONYMS: Mapping[str, tuple[str, ...]] = {
    # roles
    "teacher": ("classroom teacher",),
    "paraprofessional": ("para", "paraeducator", "teaching assistant", "instructional aide"),
    "instructional-coach": ("coach", "instructional coaching"),
    "school-leader": ("principal", "assistant principal", "school administrator", "head of school"),
    "district-leader": ("superintendent", "district administrator", "central office"),
    "counselor": ("school counselor", "guidance counselor", "counsellor"),
    "librarian": ("school librarian", "media specialist", "library"),
    "higher-ed-faculty": ("professor", "faculty", "higher education", "college instructor"),
    # grade bands
    "early-childhood": ("pre-K", "PreK", "preschool", "pre-kindergarten"),
    "k-2": ("K-2", "kindergarten", "first grade", "second grade", "primary grades", "elementary"),
    "3-5": ("grades 3-5", "third grade", "fourth grade", "fifth grade", "upper elementary", "elementary"),
    "6-8": ("grades 6-8", "middle school", "sixth grade", "seventh grade", "eighth grade", "middle grades"),
    "9-12": ("grades 9-12", "high school", "secondary", "ninth grade", "tenth grade", "eleventh grade", "twelfth grade"),
    "postsecondary": ("college", "higher education"),
    "adult": ("adult education", "adult learners"),
    # subjects
    "literacy": ("reading", "writing", "ELA", "English language arts"),
    "mathematics": ("math", "maths", "numeracy"),
    "science": ("STEM",),
    "computer-science": ("CS", "coding", "programming", "computing"),
    "social-studies": ("history", "civics", "geography"),
    "arts": ("art", "music", "drama", "visual arts"),
    "world-languages": ("foreign languages", "world language", "language learning"),
    "special-education": ("SPED", "special ed", "students with disabilities", "IEP"),
    "english-learners": ("ELL", "EL", "ESL", "ESOL", "multilingual learners", "emergent bilinguals"),
    "social-emotional-learning": ("SEL", "social emotional", "social-emotional"),
    "assessment": ("testing", "formative assessment", "summative assessment"),
    "technology-integration": ("edtech", "educational technology", "digital learning"),
    "leadership": ("leaders",),
    "equity": ("inclusion", "diversity"),
    "family-engagement": ("families", "parents", "parent engagement", "family involvement"),
    "health-and-wellness": ("health", "wellness", "well-being", "physical education"),
    "early-learning": ("early childhood", "preschool", "pre-K"),
    "career-and-technical-education": ("CTE", "career technical", "vocational"),
    # evidence types
    "student-work": ("work samples", "student samples"),
    "video": ("recording", "recorded lesson"),
    "photo": ("photos", "photograph", "pictures"),
    "lesson-plan": ("lesson plans", "unit plan"),
    "written-response": ("essay", "written reflection"),
    "audio": ("audio recording", "podcast"),
    "artifact": ("artifacts",),
    "observation": ("classroom observation", "observed lesson"),
    # credit types
    "continuing-education-units": ("CEU", "CEUs"),
    "clock-hours": ("contact hours",),
    "graduate-credit": ("college credit", "graduate credits"),
    "professional-development-points": ("PDP", "PD points", "professional development"),
}
# Says nothing an educator would search for: "other" is a role, an evidence type ...
_UNSEARCHED = frozenset({"other"})


def words_for(value: str) -> tuple[str, ...]:
    """The value's label and synonyms: `mathematics` -> ("Mathematics", "math", "maths", "numeracy")."""
    if value in _UNSEARCHED:
        return ()
    return (display.label(value), *SYNONYMS.get(value, ()))
