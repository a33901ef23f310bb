"""The demo catalog's content: topics, partners, people, offerings with the material their lessons teach, and
live events (workshops and webinars with sessions, registrations and a campaign).

Lesson text is written as small per-topic fragments (a concept's definition, why it matters, an example,
a good practice, a pitfall, a reflection question) in each language. The loader combines them with the
offering's level and a running case-study organisation, so forty-odd offerings read naturally without
anyone writing three hundred lessons by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import NamedTuple

from lms.roles import INSTRUCTOR, LEARNER, PARTNER_HOST, STAFF

# One documented password for every demo account (README and the command's summary print it).
DEMO_PASSWORD = "learn-vsm-2026"
DEMO_EMAIL_DOMAIN = "demo.vsmc.org"
# Present once the demo is loaded: the command checks for it and loads nothing a second time.
MARKER_EMAIL = f"learner@{DEMO_EMAIL_DOMAIN}"

VIDEO_WATCH_URL = "https://video.vsmc.example.org/watch/{slug}"
VIDEO_EMBED_URL = "https://video.vsmc.example.org/embed/{slug}"
VIDEO_PROVIDER = "VSMC Video Library"

# ------------------------------------------------------------------------------------------ snippets

TOPICS: list[dict[str, str]] = [
    {
        "slug": "flow-metrics",
        "name": "Flow metrics",
        "description": "Flow velocity, time, load, efficiency and distribution: measuring how value moves "
        "through a value stream, and forecasting from it.",
    },
    {
        "slug": "value-stream-mapping",
        "name": "Value stream mapping",
        "description": "Seeing the end-to-end flow of work from request to customer, finding delays and "
        "designing a better future state.",
    },
    {
        "slug": "devops-delivery",
        "name": "DevOps and continuous delivery",
        "description": "Deployment pipelines, small batches, delivery metrics and learning from incidents.",
    },
    {
        "slug": "product-management",
        "name": "Product management",
        "description": "Outcome-oriented product work: discovery, experiments, roadmaps and the economics "
        "of priorities.",
    },
    {
        "slug": "lean-portfolio",
        "name": "Lean portfolio management",
        "description": "Funding value streams instead of projects, portfolio kanban and connecting strategy "
        "to delivery.",
    },
    {
        "slug": "team-topologies",
        "name": "Team topologies and organisation design",
        "description": "Team types, interaction modes, cognitive load and designing teams for fast flow.",
    },
    {
        "slug": "research-ethics",
        "name": "Research ethics and responsible conduct (RCR)",
        "description": "Integrity for practitioners who study their own organisations: consent, data, "
        "credit, conflicts of interest and responsible metrics.",
    },
    {
        "slug": "leadership",
        "name": "Leadership and change",
        "description": "Psychological safety, coaching, sponsorship and leading the move to flow-centred ways "
        "of working.",
    },
    {
        "slug": "data-ai",
        "name": "Data and AI in value stream management",
        "description": "Trustworthy delivery data, machine-learning forecasts, AI assistants and their "
        "risks.",
    },
    {
        "slug": "kanban-method",
        "name": "The Kanban Method",
        "description": "Visualising work, limiting work in progress and evolving a service delivery system "
        "from where it is today.",
    },
    {
        "slug": "governance",
        "name": "Governance, risk and compliance",
        "description": "Compliance as code, audit evidence and risk-based change in regulated and public "
        "services.",
    },
]

PARTNERS: list[dict] = [
    {
        "slug": "northbridge",
        "name": "Northbridge School of Management",
        "website": "https://www.northbridge.example",
        "description": "A business school whose executive programmes on operations and digital strategy "
        "co-host our product, portfolio and leadership courses.",
        "contacts": [
            {"name": "Grace Whitfield", "role": "Director of Executive Education",
             "email": "g.whitfield@northbridge.example", "phone": "+44 20 7946 0321"},
        ],
    },
    {
        "slug": "open-delivery-foundation",
        "name": "Open Delivery Foundation",
        "website": "https://opendelivery.example.org",
        "description": "A non-profit that maintains open guidance on continuous delivery, platform "
        "engineering and software supply-chain practice.",
        "contacts": [
            {"name": "Noah Fischer", "role": "Community programmes", "email": "noah@opendelivery.example.org",
             "phone": ""},
            {"name": "Ines Duarte", "role": "Events lead", "email": "events@opendelivery.example.org",
             "phone": "+351 21 000 4417"},
        ],
    },
    {
        "slug": "aia",
        "name": "Asociación Iberoamericana de Agilidad",
        "website": "https://agilidad-iberoamericana.example.org",
        "description": "Red de profesionales de la agilidad y la gestión del flujo de valor en España y "
        "América Latina.",
        "contacts": [
            {"name": "Rocío Álvarez", "role": "Coordinadora de eventos en línea",
             "email": "eventos@agilidad-iberoamericana.example.org", "phone": "+52 55 5000 1842"},
            {"name": "Martín Quiroga", "role": "Secretario general",
             "email": "secretaria@agilidad-iberoamericana.example.org", "phone": ""},
        ],
    },
]

# ------------------------------------------------------------------------------------------ people

@dataclass(frozen=True)
class AccountSpec:
    """A demo account; `listed` ones are the logins the command prints, one per role."""

    key: str
    email: str
    first_name: str
    last_name: str
    role: str
    groups: tuple[str, ...] = ()
    tier: str = "non_member"
    expires_in_days: int | None = None
    career_stage: str = ""
    country: str = ""
    time_zone: str = "UTC"
    languages: tuple[str, ...] = ("en",)
    is_staff: bool = False
    is_superuser: bool = False
    listed: bool = True


def _email(local: str) -> str:
    return f"{local}@{DEMO_EMAIL_DOMAIN}"


ACCOUNTS: list[AccountSpec] = [
    AccountSpec(
        "learner", MARKER_EMAIL, "Lucía", "Fernández Ortega", "Learner (professional member)",
        groups=(LEARNER,), tier="professional", expires_in_days=300, career_stage="mid_career",
        country="ES", time_zone="Europe/Madrid", languages=("es", "en"),
    ),
    AccountSpec(
        "student", _email("student"), "Wanjiru", "Kamau", "Learner (student member)",
        groups=(LEARNER,), tier="student", expires_in_days=200, career_stage="student",
        country="KE", time_zone="Africa/Nairobi", languages=("en", "sw"),
    ),
    AccountSpec(
        "visitor", _email("visitor"), "Arjun", "Mehta", "Visitor (non-member)",
        groups=(LEARNER,), tier="non_member", career_stage="early_career",
        country="IN", time_zone="Asia/Kolkata", languages=("en", "hi"),
    ),
    AccountSpec(
        "lapsed", _email("lapsed"), "Daniel", "Becker", "Lapsed member (professional, expired)",
        groups=(LEARNER,), tier="professional", expires_in_days=-45, career_stage="senior",
        country="DE", time_zone="Europe/Berlin", languages=("de", "en"),
    ),
    AccountSpec(
        "instructor", _email("instructor"), "Yuki", "Tanaka", "Instructor",
        groups=(INSTRUCTOR,), tier="professional", career_stage="senior",
        country="JP", time_zone="Asia/Tokyo", languages=("ja", "en"),
    ),
    AccountSpec(
        "partner", _email("partner"), "Sofía", "Ramírez", "Partner host",
        groups=(PARTNER_HOST,), tier="institutional", career_stage="senior",
        country="MX", time_zone="America/Mexico_City", languages=("es", "en"),
    ),
    AccountSpec(
        "staff", _email("staff"), "Marcus", "Johnson", "Staff (catalog editor)",
        groups=(STAFF,), tier="professional", career_stage="mid_career",
        country="US", time_zone="America/Chicago", languages=("en",), is_staff=True,
    ),
    AccountSpec(
        "admin", _email("admin"), "Ada", "Okonkwo", "Administrator (superuser)",
        tier="professional", career_stage="executive",
        country="US", time_zone="America/New_York", languages=("en",), is_staff=True, is_superuser=True,
    ),
    # Faculty: more instructors, so the catalog is not taught by one person. Same password, not printed.
    AccountSpec(
        "amara", _email("amara.okafor"), "Amara", "Okafor", "Instructor", groups=(INSTRUCTOR,),
        tier="professional", career_stage="senior", country="NG", time_zone="Africa/Lagos", listed=False,
    ),
    AccountSpec(
        "priya", _email("priya.raman"), "Priya", "Raman", "Instructor", groups=(INSTRUCTOR,),
        tier="professional", career_stage="senior", country="IN", time_zone="Asia/Kolkata",
        languages=("en", "hi"), listed=False,
    ),
    AccountSpec(
        "jonas", _email("jonas.weber"), "Jonas", "Weber", "Instructor", groups=(INSTRUCTOR,),
        tier="professional", career_stage="executive", country="DE", time_zone="Europe/Berlin",
        languages=("de", "en"), listed=False,
    ),
    AccountSpec(
        "elena", _email("elena.vidal"), "Elena", "Vidal Soler", "Instructor", groups=(INSTRUCTOR,),
        tier="professional", career_stage="senior", country="ES", time_zone="Europe/Madrid",
        languages=("es", "en"), listed=False,
    ),
    AccountSpec(
        "carlos", _email("carlos.mendoza"), "Carlos", "Mendoza Ruiz", "Instructor", groups=(INSTRUCTOR,),
        tier="professional", career_stage="mid_career", country="MX", time_zone="America/Mexico_City",
        languages=("es", "en"), listed=False,
    ),
    AccountSpec(
        "camille", _email("camille.dubois"), "Camille", "Dubois", "Instructor", groups=(INSTRUCTOR,),
        tier="professional", career_stage="senior", country="FR", time_zone="Europe/Paris",
        languages=("fr", "en"), listed=False,
    ),
    AccountSpec(
        "beatriz", _email("beatriz.santos"), "Beatriz", "Santos", "Instructor", groups=(INSTRUCTOR,),
        tier="professional", career_stage="mid_career", country="BR", time_zone="America/Sao_Paulo",
        languages=("pt", "en"), listed=False,
    ),
    # Community: learners around the world who register for the demo's workshops and webinars. Not printed.
    # Their addresses are fixed: the sample attendance report (attendance-report-sample.csv) names them.
    AccountSpec(
        "olivia", _email("olivia.brown"), "Olivia", "Brown", "Learner", groups=(LEARNER,), tier="professional",
        expires_in_days=240, career_stage="mid_career", country="US", time_zone="America/New_York", listed=False,
    ),
    AccountSpec(
        "tomas", _email("tomas.herrera"), "Tomás", "Herrera", "Learner", groups=(LEARNER,), tier="student",
        expires_in_days=150, career_stage="student", country="CO", time_zone="America/Bogota",
        languages=("es", "en"), listed=False,
    ),
    AccountSpec(
        "kwame", _email("kwame.mensah"), "Kwame", "Mensah", "Learner", groups=(LEARNER,), tier="non_member",
        career_stage="early_career", country="GH", time_zone="Africa/Accra", listed=False,
    ),
    AccountSpec(
        "mei", _email("mei.chen"), "Mei", "Chen", "Learner", groups=(LEARNER,), tier="professional",
        expires_in_days=330, career_stage="senior", country="SG", time_zone="Asia/Singapore",
        languages=("en", "zh"), listed=False,
    ),
    AccountSpec(
        "fatima", _email("fatima.elidrissi"), "Fatima Zahra", "El Idrissi", "Learner", groups=(LEARNER,),
        tier="early_career", expires_in_days=90, career_stage="early_career", country="MA",
        time_zone="Africa/Casablanca", languages=("fr", "en"), listed=False,
    ),
    AccountSpec(
        "hannah", _email("hannah.lindqvist"), "Hannah", "Lindqvist", "Learner", groups=(LEARNER,),
        tier="professional", expires_in_days=410, career_stage="senior", country="SE", time_zone="Europe/Stockholm",
        listed=False,
    ),
    AccountSpec(
        "liam", _email("liam.oconnor"), "Liam", "O'Connor", "Learner", groups=(LEARNER,), tier="institutional",
        expires_in_days=365, career_stage="executive", country="IE", time_zone="Europe/Dublin", listed=False,
    ),
    AccountSpec(
        "aiko", _email("aiko.sato"), "Aiko", "Sato", "Learner", groups=(LEARNER,), tier="professional",
        expires_in_days=200, career_stage="mid_career", country="JP", time_zone="Asia/Tokyo",
        languages=("ja", "en"), listed=False,
    ),
    AccountSpec(
        "rafael", _email("rafael.costa"), "Rafael", "Costa", "Learner", groups=(LEARNER,), tier="professional",
        expires_in_days=120, career_stage="senior", country="BR", time_zone="America/Sao_Paulo",
        languages=("pt", "en"), listed=False,
    ),
]

# Which partner each partner-host account acts for (it sees that partner's co-hosted events' registrations).
PARTNER_HOSTS: dict[str, str] = {"partner": "aia"}

# The staff account publishes every page; instructors are the revisions' authors.
PUBLISHER = "staff"


@dataclass(frozen=True)
class Journey:
    """What a demo learner has done: offerings finished, half-way through, or finished and attested."""

    completed: tuple[str, ...] = ()
    in_progress: tuple[str, ...] = ()
    attested: tuple[str, ...] = ()


JOURNEYS: dict[str, Journey] = {
    "learner": Journey(
        completed=("flow-metrics-fundamentals",),
        in_progress=("mapeo-flujo-valor",),
        attested=("integridad-investigacion-aplicada",),
    ),
    "student": Journey(in_progress=("value-stream-mapping-essentials",)),
    "lapsed": Journey(completed=("devops-delivery-metrics",)),
}

# ------------------------------------------------------------------------------------------ case studies

# Each offering follows one fictional organisation; examples slot in {org}, {team} and {product}.
SCENARIOS: dict[str, list[dict[str, str]]] = {
    "en": [
        {"org": "a regional insurer", "team": "the claims platform team",
         "product": "the online claims service"},
        {"org": "a public health agency", "team": "the appointments team",
         "product": "the vaccination booking service"},
        {"org": "a logistics company", "team": "the route-planning team", "product": "the driver app"},
        {"org": "a retail bank", "team": "the mortgage onboarding team",
         "product": "the mortgage application journey"},
        {"org": "a university", "team": "the research systems team", "product": "the grant submission portal"},
        {"org": "a software scale-up", "team": "the billing squad", "product": "the subscription billing service"},
        {"org": "a city council", "team": "the digital services team", "product": "the parking permit service"},
        {"org": "an energy supplier", "team": "the customer accounts team", "product": "the smart-meter app"},
    ],
    "es": [
        {"org": "una aseguradora regional", "team": "el equipo de la plataforma de siniestros",
         "product": "el servicio de partes en línea"},
        {"org": "un hospital universitario", "team": "el equipo de citas", "product": "la aplicación de cita previa"},
        {"org": "una cooperativa de crédito", "team": "el equipo de banca digital",
         "product": "la solicitud de préstamos en línea"},
        {"org": "una empresa de logística", "team": "el equipo de planificación de rutas",
         "product": "la aplicación para conductores"},
        {"org": "un ayuntamiento", "team": "el equipo de administración electrónica", "product": "la sede electrónica"},
    ],
    "fr": [
        {"org": "une mutuelle régionale", "team": "l'équipe plateforme sinistres",
         "product": "le service de déclaration en ligne"},
        {"org": "un hôpital universitaire", "team": "l'équipe des rendez-vous",
         "product": "l'application de prise de rendez-vous"},
    ],
    "pt": [
        {"org": "uma seguradora regional", "team": "a equipe da plataforma de sinistros",
         "product": "o serviço de sinistros on-line"},
        {"org": "uma cooperativa de crédito", "team": "a equipe de canais digitais",
         "product": "o aplicativo de empréstimos"},
    ],
}

# Contractions a template cannot know in advance ("de" + "el equipo" is "del equipo").
CONTRACTIONS: dict[str, list[tuple[str, str]]] = {
    "en": [],
    "es": [(r"\bde el\b", "del"), (r"\ba el\b", "al")],
    "fr": [
        (r"\bde le\b", "du"), (r"\bà le\b", "au"), (r"\bde les\b", "des"), (r"\bà les\b", "aux"),
        (r"\bde une\b", "d'une"), (r"\bde un\b", "d'un"),
    ],
    "pt": [
        (r"\bde o\b", "do"), (r"\bde a\b", "da"), (r"\bde os\b", "dos"), (r"\bde as\b", "das"),
        (r"\bem o\b", "no"), (r"\bem a\b", "na"), (r"\bem os\b", "nos"), (r"\bem as\b", "nas"),
        (r"\bpor o\b", "pelo"), (r"\bpor a\b", "pela"),
    ],
}

# ------------------------------------------------------------------------------------------ phrases

PHRASES: dict[str, dict] = {
    "en": {
        "kind": {"course": "course", "ethics": "module"},
        "case_intro": "Throughout this {kind} you follow {team} at {org} as they work on {product}.",
        "level_intro": {
            "introductory": "No previous experience is needed: every term is explained when it first comes up.",
            "intermediate": "It assumes you have worked in or alongside a delivery team and know the basic "
            "vocabulary.",
            "advanced": "It is written for experienced practitioners and concentrates on judgement calls, "
            "trade-offs and leading others.",
        },
        "learn_heading": "What you will practise",
        "format_heading": "How it works",
        "format_text": "{modules} modules and {lessons} lessons, about {minutes} minutes of study in all, with a "
        "short quiz at the end of each module.",
        "credit_text": "Completing it earns {hours} CPD hours ({credit}).",
        "credit_labels": {
            "general": "general CPD",
            "technical": "technical practice",
            "leadership": "leadership and management",
            "ethics": "ethics and responsible conduct of research",
        },
        "rcr_title": "An ethics / RCR module",
        "rcr_text": "This module counts for {minutes} minutes of responsible-conduct-of-research instruction. "
        "After the last lesson you sign a short statement to complete it.",
        "partner_title": "Co-hosted with {partner}",
        "partner_text": "{partner} contributed case material to this {kind} and reviewed its lessons.",
        "prereq_title": "Before you start",
        "prereq_text": "This {kind} builds on {titles}. Complete it first: enrolment opens once you have.",
        "overview_video": "Welcome to {title}",
        "members_overview_teaser": "Instructors' notes on the questions learners ask most",
        "members_overview_heading": "Instructors' notes",
        "members_overview_intro": "Members get the notes the instructors keep on what learners find hardest in "
        "this {kind}.",
        "watch_out": "Watch out",
        "key_idea": "Key idea",
        "example_title": "From the case study",
        "practice_heading": "In practice",
        "practice_extra": {
            "introductory": "Start small: try it with one team or one kind of work before changing anything else.",
            "intermediate": "Agree with your team how you will know whether the change helped, and look again "
            "after a few weeks.",
            "advanced": "Think about who else the change affects, and how you will bring them along.",
        },
        "pitfall_title": "Common pitfall",
        "reflection_guidance": [
            "<p>Write two or three sentences. If you are studying with colleagues, compare your answers.</p>",
            "<p>There is no right answer. Note what you would look at first, and whom you would ask.</p>",
            "<p>Keep your answer: come back to it at the end of the {kind} and see whether it has changed.</p>",
        ],
        "video_title": "Explainer: {lesson}",
        "members_teaser": "A discussion guide for your team",
        "members_heading": "Discussion guide",
        "members_steps": [
            "Discuss where you see {term} in your team's work today.",
            "Agree one small change to try: {practice}.",
            "Name the pitfall you are most at risk of: {pitfall}.",
            "Meet again after two weeks, look at what happened and decide whether to keep the change.",
        ],
        "lesson_summary": "Key idea, a worked example and practice: {term}.",
        "module_summary": "In this module: {lessons}.",
        "quiz_title": "Check your understanding",
        "quiz_instructions": "Answer every question, then submit. You can try again as often as you like; "
        "your best score counts.",
        "q_single": "Which statement best describes {term}?",
        "q_multiple": "Which of these are practices this module recommends?",
        "expl_recommended": "Recommended",
        "expl_pitfalls": "Pitfalls",
    },
    "es": {
        "kind": {"course": "curso", "ethics": "módulo"},
        "case_intro": "A lo largo de este {kind} acompañarás a {team} de {org} en su trabajo con {product}.",
        "level_intro": {
            "introductory": "No necesitas experiencia previa: cada término se explica la primera vez que aparece.",
            "intermediate": "Se da por hecho que has trabajado en un equipo de entrega, o junto a uno, y que "
            "conoces el vocabulario básico.",
            "advanced": "Está pensado para profesionales con experiencia y se centra en las decisiones difíciles, "
            "los compromisos y el liderazgo de otras personas.",
        },
        "learn_heading": "Lo que vas a practicar",
        "format_heading": "Cómo funciona",
        "format_text": "{modules} módulos y {lessons} lecciones, unos {minutes} minutos de estudio en total, con "
        "un breve cuestionario al final de cada módulo.",
        "credit_text": "Al completarlo obtienes {hours} horas de desarrollo profesional continuo ({credit}).",
        "credit_labels": {
            "general": "formación general",
            "technical": "práctica técnica",
            "leadership": "liderazgo y gestión",
            "ethics": "ética e integridad en la investigación",
        },
        "rcr_title": "Un módulo de ética e integridad",
        "rcr_text": "Este módulo cuenta como {minutes} minutos de formación en conducta responsable en la "
        "investigación. Tras la última lección firmas una breve declaración para completarlo.",
        "partner_title": "En colaboración con {partner}",
        "partner_text": "{partner} aportó material de casos a este {kind} y revisó sus lecciones.",
        "prereq_title": "Antes de empezar",
        "prereq_text": "Este {kind} parte de {titles}. Complétalo primero: la matrícula se abre cuando lo hayas "
        "hecho.",
        "overview_video": "Te damos la bienvenida a {title}",
        "members_overview_teaser": "Notas del profesorado sobre las dudas más frecuentes",
        "members_overview_heading": "Notas del profesorado",
        "members_overview_intro": "Las personas socias reciben las notas que el profesorado recoge sobre lo que "
        "más cuesta en este {kind}.",
        "watch_out": "Cuidado",
        "key_idea": "Idea clave",
        "example_title": "Del caso práctico",
        "practice_heading": "En la práctica",
        "practice_extra": {
            "introductory": "Empieza poco a poco: pruébalo con un equipo o con un tipo de trabajo antes de "
            "cambiar nada más.",
            "intermediate": "Acordad en el equipo cómo sabréis si el cambio ha ayudado y volved a mirarlo al "
            "cabo de unas semanas.",
            "advanced": "Piensa a quién más afecta el cambio y cómo vas a sumar a esas personas.",
        },
        "pitfall_title": "Error frecuente",
        "reflection_guidance": [
            "<p>Escribe dos o tres frases. Si estudias con compañeros, comparad vuestras respuestas.</p>",
            "<p>No hay una respuesta correcta. Anota qué mirarías primero y a quién preguntarías.</p>",
            "<p>Guarda tu respuesta: vuelve a ella al final del {kind} y comprueba si ha cambiado.</p>",
        ],
        "video_title": "Vídeo explicativo: {lesson}",
        "members_teaser": "Una guía de conversación para tu equipo",
        "members_heading": "Guía de conversación",
        "members_steps": [
            "Comentar en equipo dónde se ve {term} en el trabajo actual.",
            "Acordar un cambio pequeño: {practice}.",
            "Vigilar este error frecuente: {pitfall}.",
            "Revisar al cabo de dos semanas qué ha pasado y decidir si se mantiene el cambio.",
        ],
        "lesson_summary": "Idea clave, ejemplo y práctica: {term}.",
        "module_summary": "En este módulo: {lessons}.",
        "quiz_title": "Comprueba lo que has aprendido",
        "quiz_instructions": "Responde a todas las preguntas y envía tus respuestas. Puedes intentarlo tantas "
        "veces como quieras; cuenta tu mejor puntuación.",
        "q_single": "¿Qué afirmación describe mejor {term}?",
        "q_multiple": "¿Cuáles de estas prácticas recomienda este módulo?",
        "expl_recommended": "Recomendado",
        "expl_pitfalls": "Errores frecuentes",
    },
    "fr": {
        "kind": {"course": "cours", "ethics": "module"},
        "case_intro": "Tout au long de ce {kind}, vous suivez {team} chez {org}, qui travaille sur {product}.",
        "level_intro": {
            "introductory": "Aucune expérience préalable n'est nécessaire : chaque terme est expliqué dès sa "
            "première apparition.",
            "intermediate": "Il suppose que vous avez travaillé dans une équipe de livraison, ou à ses côtés, et "
            "que vous en connaissez le vocabulaire de base.",
            "advanced": "Il s'adresse aux praticiens expérimentés et se concentre sur les arbitrages et la "
            "conduite des autres.",
        },
        "learn_heading": "Ce que vous allez mettre en pratique",
        "format_heading": "Déroulement",
        "format_text": "{modules} modules et {lessons} leçons, environ {minutes} minutes d'étude au total, avec un "
        "court quiz à la fin de chaque module.",
        "credit_text": "Le terminer vous vaut {hours} heures de développement professionnel continu ({credit}).",
        "credit_labels": {
            "general": "formation générale",
            "technical": "pratique technique",
            "leadership": "leadership et management",
            "ethics": "éthique et intégrité de la recherche",
        },
        "rcr_title": "Un module d'éthique et d'intégrité",
        "rcr_text": "Ce module compte pour {minutes} minutes de formation à l'intégrité scientifique. Après la "
        "dernière leçon, vous signez une courte déclaration pour le valider.",
        "partner_title": "En partenariat avec {partner}",
        "partner_text": "{partner} a fourni des études de cas pour ce {kind} et en a relu les leçons.",
        "prereq_title": "Avant de commencer",
        "prereq_text": "Ce {kind} s'appuie sur {titles}. Terminez-le d'abord : l'inscription s'ouvre ensuite.",
        "overview_video": "Bienvenue dans « {title} »",
        "members_overview_teaser": "Les notes des formateurs sur les questions les plus fréquentes",
        "members_overview_heading": "Notes des formateurs",
        "members_overview_intro": "Les membres ont accès aux notes des formateurs sur ce qui pose le plus de "
        "difficultés dans ce {kind}.",
        "watch_out": "Attention",
        "key_idea": "Idée clé",
        "example_title": "L'étude de cas",
        "practice_heading": "En pratique",
        "practice_extra": {
            "introductory": "Commencez petit : essayez avec une seule équipe ou un seul type de travail avant de "
            "changer autre chose.",
            "intermediate": "Convenez avec votre équipe de la façon dont vous saurez si le changement a aidé, et "
            "faites le point après quelques semaines.",
            "advanced": "Demandez-vous qui d'autre est concerné par le changement et comment l'embarquer.",
        },
        "pitfall_title": "Piège fréquent",
        "reflection_guidance": [
            "<p>Écrivez deux ou trois phrases. Si vous étudiez avec des collègues, comparez vos réponses.</p>",
            "<p>Il n'y a pas de bonne réponse. Notez ce que vous regarderiez en premier et qui vous "
            "interrogeriez.</p>",
            "<p>Gardez votre réponse : relisez-la à la fin du {kind} pour voir si elle a changé.</p>",
        ],
        "video_title": "Vidéo explicative : {lesson}",
        "members_teaser": "Un guide de discussion pour votre équipe",
        "members_heading": "Guide de discussion",
        "members_steps": [
            "Discutez en équipe de la place de {term} dans votre travail actuel.",
            "Choisissez un petit changement à essayer : {practice}.",
            "Repérez le piège qui vous guette le plus : {pitfall}.",
            "Faites le point au bout de deux semaines et décidez si vous gardez le changement.",
        ],
        "lesson_summary": "Idée clé, exemple et mise en pratique : {term}.",
        "module_summary": "Dans ce module : {lessons}.",
        "quiz_title": "Vérifiez vos acquis",
        "quiz_instructions": "Répondez à toutes les questions puis envoyez vos réponses. Vous pouvez réessayer "
        "autant de fois que vous le souhaitez ; votre meilleur score est retenu.",
        "q_single": "Quelle affirmation décrit le mieux {term} ?",
        "q_multiple": "Parmi ces pratiques, lesquelles ce module recommande-t-il ?",
        "expl_recommended": "Recommandé",
        "expl_pitfalls": "Pièges",
    },
    "pt": {
        "kind": {"course": "curso", "ethics": "módulo"},
        "case_intro": "Ao longo deste {kind}, você acompanha {team} de {org} no trabalho com {product}.",
        "level_intro": {
            "introductory": "Não é preciso experiência prévia: cada termo é explicado na primeira vez em que "
            "aparece.",
            "intermediate": "Parte do princípio de que você já trabalhou numa equipe de entrega, ou ao lado de "
            "uma, e conhece o vocabulário básico.",
            "advanced": "É voltado a profissionais experientes e se concentra em decisões difíceis, trocas e "
            "liderança de outras pessoas.",
        },
        "learn_heading": "O que você vai praticar",
        "format_heading": "Como funciona",
        "format_text": "{modules} módulos e {lessons} lições, cerca de {minutes} minutos de estudo no total, com um "
        "questionário curto no fim de cada módulo.",
        "credit_text": "Ao concluir, você recebe {hours} horas de desenvolvimento profissional contínuo ({credit}).",
        "credit_labels": {
            "general": "formação geral",
            "technical": "prática técnica",
            "leadership": "liderança e gestão",
            "ethics": "ética e integridade na pesquisa",
        },
        "rcr_title": "Um módulo de ética e integridade",
        "rcr_text": "Este módulo conta como {minutes} minutos de formação em conduta responsável na pesquisa. "
        "Depois da última lição, você assina uma breve declaração para concluí-lo.",
        "partner_title": "Em parceria com {partner}",
        "partner_text": "{partner} contribuiu com material de casos para este {kind} e revisou as lições.",
        "prereq_title": "Antes de começar",
        "prereq_text": "Este {kind} parte de {titles}. Conclua-o primeiro: a inscrição abre depois disso.",
        "overview_video": "Boas-vindas a {title}",
        "members_overview_teaser": "Notas dos instrutores sobre as dúvidas mais comuns",
        "members_overview_heading": "Notas dos instrutores",
        "members_overview_intro": "Os associados recebem as notas dos instrutores sobre o que mais gera dúvidas "
        "neste {kind}.",
        "watch_out": "Atenção",
        "key_idea": "Ideia-chave",
        "example_title": "Do estudo de caso",
        "practice_heading": "Na prática",
        "practice_extra": {
            "introductory": "Comece pequeno: experimente com uma equipe ou um tipo de trabalho antes de mudar "
            "qualquer outra coisa.",
            "intermediate": "Combine com a equipe como vocês vão saber se a mudança ajudou, e revejam depois de "
            "algumas semanas.",
            "advanced": "Pense em quem mais é afetado pela mudança e em como trazer essas pessoas junto.",
        },
        "pitfall_title": "Armadilha comum",
        "reflection_guidance": [
            "<p>Escreva duas ou três frases. Se estiver estudando com colegas, comparem as respostas.</p>",
            "<p>Não existe resposta certa. Anote o que você olharia primeiro e a quem perguntaria.</p>",
            "<p>Guarde a sua resposta: volte a ela no fim do {kind} e veja se mudou.</p>",
        ],
        "video_title": "Vídeo explicativo: {lesson}",
        "members_teaser": "Um roteiro de conversa para a sua equipe",
        "members_heading": "Roteiro de conversa",
        "members_steps": [
            "Conversem em equipe sobre o papel de {term} no trabalho atual.",
            "Escolham uma pequena mudança para testar: {practice}.",
            "Identifiquem a armadilha mais provável: {pitfall}.",
            "Revejam o resultado depois de duas semanas e decidam se mantêm a mudança.",
        ],
        "lesson_summary": "Ideia-chave, exemplo e prática: {term}.",
        "module_summary": "Neste módulo: {lessons}.",
        "quiz_title": "Verifique o que aprendeu",
        "quiz_instructions": "Responda a todas as perguntas e envie. Você pode tentar de novo quantas vezes "
        "quiser; vale a sua melhor nota.",
        "q_single": "Qual afirmação descreve melhor {term}?",
        "q_multiple": "Quais destas práticas este módulo recomenda?",
        "expl_recommended": "Recomendado",
        "expl_pitfalls": "Armadilhas",
    },
}


# ------------------------------------------------------------------------------------------ concepts


class Concept(NamedTuple):
    """One idea a lesson teaches. `term` reads mid-sentence ("flow time"); `definition` never names it, so
    other concepts' definitions make fair wrong answers. `practice` and `pitfall` are short action phrases
    (a gerund in English, an infinitive elsewhere); `example` may use {org}, {team} and {product}."""

    key: str
    term: str
    lesson: str
    definition: str
    why: str
    example: str
    practice: str
    pitfall: str
    pitfall_why: str
    prompt: str


C = Concept

EN_FLOW = [
    C("flow-velocity", "flow velocity", "Flow velocity: how much value you deliver",
      "The number of work items of every kind (features, defects, risks and debt) completed in a given period.",
      "It shows whether delivery is speeding up or slowing down over time, and it makes non-feature work "
      "visible instead of leaving it out of the count.",
      "{team} at {org} counted only features and looked stable at twelve items a fortnight. Once defects and "
      "risk work were included, velocity turned out to be twenty items, and a third of it was rework on {product}.",
      "Counting every kind of completed work, not only features",
      "Comparing velocity between teams to rank them",
      "Teams size and split work differently, so the comparison is meaningless and invites gaming.",
      "What work does your team complete that never shows up in the numbers you report?"),
    C("flow-time", "flow time", "Flow time: from commitment to delivery",
      "The elapsed time from the moment a work item is accepted into the value stream until it is delivered to "
      "the customer, including all the waiting.",
      "Customers experience elapsed time, not effort. Flow time tells you how long people wait for what they "
      "asked for.",
      "At {org}, a small change to {product} took two days of hands-on work but thirty-one days of flow time, "
      "most of it spent waiting for a test environment and a change board.",
      "Reporting flow time as a distribution with percentiles rather than a single average",
      "Setting flow-time targets for individual people",
      "Flow time is a property of the system; individual targets push people to cherry-pick easy items and "
      "hide hard ones.",
      "Pick one item your team delivered recently. Where did it spend most of its flow time?"),
    C("flow-load", "flow load", "Flow load and work in progress",
      "The number of work items that have been started but not yet finished in a value stream at a given moment.",
      "When too much is in progress, everything takes longer: context switching grows and queues form in front "
      "of every specialist.",
      "{team} at {org} had forty-three items in progress for nine people. Halving that number cut the median "
      "flow time of changes to {product} from twenty-four to eleven days within two months.",
      "Agreeing explicit limits on work in progress and finishing before starting",
      "Starting new work whenever someone is briefly idle",
      "Idle people are cheaper than idle work; starting more raises flow load and slows everything already in "
      "the system.",
      "How many items does your team have in progress right now, and how many would you choose if you started "
      "again?"),
    C("flow-efficiency", "flow efficiency", "Flow efficiency: active time versus waiting time",
      "The share of total flow time during which a work item is actively being worked on, as opposed to waiting.",
      "Most value streams show flow efficiency well under twenty per cent, so the biggest gains come from "
      "removing waits, not from working faster.",
      "When {team} at {org} traced ten items through {product}, active time added up to six days out of "
      "fifty-two: a flow efficiency of about twelve per cent.",
      "Looking for the longest waiting states before optimising any activity",
      "Asking people to work faster to improve delivery",
      "Speeding up activities barely moves flow time when most of it is waiting, and it burns people out.",
      "Which wait in your value stream would you remove first if you could, and who would you need to talk to?"),
    C("flow-distribution", "flow distribution", "Flow distribution: balancing features, defects, risks and debt",
      "The proportion of each kind of work (features, defects, risks and debt) completed or in progress over a "
      "period.",
      "It makes trade-offs explicit: a stream that never invests in debt or risk is borrowing against its "
      "future speed.",
      "Leaders at {org} assumed {product} was mostly feature work. The distribution showed forty per cent "
      "defects, which prompted a quarter of deliberate investment in test automation.",
      "Agreeing a target distribution with business stakeholders and reviewing it each quarter",
      "Treating defect and debt work as invisible overhead",
      "Unseen work still consumes capacity, so plans built only on features are wrong from the start.",
      "If you looked at last quarter's completed work, what distribution would you expect, and what would you "
      "want?"),
    C("littles-law", "Little's law", "Little's law: why less in progress means faster delivery",
      "The relationship, in a stable system, in which average time in the system equals average work in "
      "progress divided by average throughput.",
      "It explains why reducing work in progress shortens flow time without anyone working harder, and it "
      "helps you sanity-check forecasts.",
      "{team} at {org} finished about five items a week with thirty in progress, so Little's law predicted "
      "roughly six weeks per item, which matched what users of {product} were complaining about.",
      "Using Little's law to reason about trends, after checking that arrivals and departures roughly balance",
      "Using Little's law to forecast a single item's delivery date",
      "The law describes long-run averages; single items vary widely, so use percentiles or simulation for "
      "dates.",
      "Using rough numbers, what does Little's law suggest about your team's flow time today?"),
    C("percentiles", "percentile-based service levels", "Service level expectations with percentiles",
      "Statements such as 'eighty-five per cent of items finish within eighteen days', taken from the "
      "historical spread of flow times.",
      "They give customers an honest, probabilistic answer to 'when will it be done?' and make outliers "
      "visible instead of averaging them away.",
      "{team} at {org} replaced 'about two weeks' with 'eighty-five per cent of changes to {product} ship "
      "within sixteen days', and escalations about late work dropped sharply.",
      "Publishing an 85th-percentile service level expectation and reviewing items that exceed it",
      "Quoting the average flow time as a promise",
      "Flow-time distributions are skewed, so about half of all items will miss a promise based on the average.",
      "What would your team's service level expectation be, and who needs to hear it?"),
    C("cfd", "a cumulative flow diagram", "Reading cumulative flow diagrams",
      "A stacked chart of how many items are in each state over time, where band widths show work in progress "
      "and slopes show arrival and completion rates.",
      "It shows at a glance whether work is piling up in one state, whether arrivals outpace completions, and "
      "how flow load changes.",
      "The cumulative flow diagram for {product} at {org} showed the 'ready for test' band widening week after "
      "week, long before anyone complained about release dates.",
      "Reviewing the cumulative flow diagram in a regular flow review and asking why bands widen",
      "Reading the chart without checking that states are defined consistently",
      "If people move cards at different moments, the bands reflect habits rather than flow.",
      "Which state in your workflow would you expect to widen first on a cumulative flow diagram, and why?"),
    C("aging-wip", "work item age", "Work item age: spotting stuck work early",
      "How long an unfinished item has been in progress so far, compared with how long similar finished items "
      "took.",
      "Flow time only tells you about finished work; age warns you about items that are getting stuck while "
      "there is still time to act.",
      "At the daily meeting, {team} at {org} now starts with the oldest items on the board for {product} "
      "rather than with each person's update.",
      "Reviewing the oldest in-progress items first at every team meeting",
      "Only looking at flow time after work is finished",
      "By the time a slow item finishes, the delay has already reached the customer.",
      "Which item on your board is oldest right now, and what is it waiting for?"),
    C("monte-carlo", "Monte Carlo forecasting", "Forecasting delivery with Monte Carlo simulation",
      "Forecasting by repeatedly sampling historical throughput to build a range of possible completion dates, "
      "each with a probability.",
      "It replaces single-date estimates with ranges that reflect real variability, and it needs no estimation "
      "meetings.",
      "Asked when thirty items for {product} would be done, {team} at {org} ran ten thousand simulations on "
      "twelve weeks of throughput: seven weeks at fifty per cent confidence, nine at eighty-five.",
      "Presenting forecasts as dates with confidence levels and updating them as work completes",
      "Running the simulation on data from a period that no longer resembles the present",
      "If the team, scope or process changed, old throughput misleads; re-baseline before you forecast.",
      "Who in your organisation asks for delivery dates, and how would they react to a forecast with "
      "confidence levels?"),
]

EN_VSM = [
    C("identify-stream", "a value stream", "Identifying your value stream",
      "The end-to-end sequence of activities an organisation performs to deliver a product or service to a "
      "customer, from request to value received.",
      "Choosing the right scope decides whether improvements reach customers or just move a bottleneck from "
      "one department to another.",
      "{org} first drew its value stream as the development steps only. Extending it to start at the "
      "customer's request for {product} revealed three weeks of intake and approval that nobody owned.",
      "Defining the trigger and the customer outcome that bound the value stream before mapping",
      "Mapping a single department's process and calling it the value stream",
      "The largest delays usually sit between departments, which a departmental map leaves out.",
      "Where does your value stream really begin: when work is requested, approved, or started?"),
    C("current-state", "a current-state map", "Drawing the current-state map",
      "A picture of how work actually flows today, with each process step, its handoffs and the waiting "
      "between them, drawn from observation rather than from the official procedure.",
      "Improvement needs a shared, honest baseline, and the official process and the real one are rarely the "
      "same.",
      "{team} at {org} walked a real change to {product} through every step with the people who did the work, "
      "and found two approval steps that the documented process did not mention.",
      "Mapping with the people who do the work and following real items through each step",
      "Mapping the process as it is documented",
      "Documented processes hide workarounds, rework loops and informal queues, which are exactly what you "
      "need to see.",
      "Who would need to be in the room to map your value stream honestly?"),
    C("process-data", "process time, lead time and percent complete and accurate",
      "Process metrics: time and quality at each step",
      "Three numbers for each step: how long the hands-on work takes, how long the step takes including "
      "waiting, and how often the next step receives its output without needing rework.",
      "Together they show where time is lost to waiting and where quality problems create rework further "
      "down the stream.",
      "The security review at {org} had a process time of two hours, a lead time of nine days and a percent "
      "complete and accurate of sixty per cent, so most changes to {product} went round twice.",
      "Asking the downstream step, not the step itself, for percent complete and accurate",
      "Recording only process times because they are easy to get",
      "Process time is usually a small fraction of lead time; without waits and rework the map looks healthy "
      "when it is not.",
      "Which step in your stream do you suspect has the lowest percent complete and accurate?"),
    C("handoffs", "handoffs and queues", "Handoffs, queues and where work waits",
      "The points where work passes from one person, team or tool to another, and the waiting lines that "
      "form in front of each step.",
      "Every handoff adds waiting, loses context and creates a place for work to stall; most flow time in "
      "knowledge work is spent in queues.",
      "A change to {product} at {org} passed through seven teams. Each handoff averaged three days of "
      "waiting, so handoffs alone explained three weeks of flow time.",
      "Counting handoffs on the map and asking which ones could be removed or combined",
      "Adding a coordinator role to manage handoffs between teams",
      "A coordinator adds another handoff; removing the need for the handoff is usually better.",
      "How many handoffs does a typical item in your stream go through, and which one hurts most?"),
    C("future-state", "a future-state map", "Designing the future-state map",
      "A picture of how the value stream should work in six to twelve months, with specific changes that "
      "remove the biggest delays found in the current state.",
      "It turns observations into a direction the whole group has agreed on, rather than a list of local fixes.",
      "The future-state map for {product} at {org} removed one approval, merged two test stages and "
      "introduced a weekly release, aiming to cut flow time from forty days to fifteen.",
      "Limiting the future state to a few changes that address the largest delays",
      "Designing an ideal end state with no path to reach it",
      "A perfect map that nobody can act on in the next quarter quickly loses credibility.",
      "If you could change only two things about your value stream this year, what would they be?"),
    C("workshop", "a mapping workshop", "Running the mapping workshop",
      "A facilitated session, usually one or two days long, in which people from every step of the value "
      "stream build the maps together.",
      "When people see the whole stream together, they stop defending their own step and start discussing "
      "the flow.",
      "The facilitator at {org} asked each participant to describe one item they had touched on {product} "
      "that week, which made the conversation concrete within the first hour.",
      "Inviting someone from every step, including sign-off and operations, and a leader who can act on the "
      "results",
      "Running the workshop without the people who approve changes",
      "The team ends up with a map it has no authority to change, and the approvers never see the waiting "
      "they cause.",
      "What might make people in your organisation reluctant to describe how work really flows?"),
    C("improvement-plan", "a value stream improvement plan", "From map to improvement plan",
      "A short list of experiments, each with an owner, a measure and a review date, that moves the stream "
      "towards the future state.",
      "Maps do not change anything by themselves; a plan with owners and measures turns insight into results.",
      "{team} at {org} chose three experiments, each tied to a flow metric, and reviewed them every month "
      "with the sponsor of {product}.",
      "Treating each change as an experiment with a measure and a review date",
      "Handing the plan to a separate programme office to deliver",
      "The people who built the map lose ownership, and the changes arrive as yet another initiative.",
      "Who would sponsor improvements to your value stream, and how often would you review progress with "
      "them?"),
    C("digital-vsm", "value stream management tooling", "Connecting your tools to see the stream",
      "Platforms that pull data from planning, source control, pipeline and service tools to show flow across "
      "the whole value stream continuously.",
      "A workshop map is a snapshot; connected data shows whether the changes you made are actually "
      "improving flow.",
      "After mapping, {org} connected its work tracker and deployment pipeline, so flow time for {product} "
      "updated every day instead of once a year.",
      "Agreeing a common set of work item types and states across tools before connecting them",
      "Buying a tool before agreeing what you want to measure",
      "Dashboards built on inconsistent data produce arguments about the numbers instead of improvement.",
      "Which of your tools already holds timestamps you could use to measure flow?"),
]

EN_DEVOPS = [
    C("dora", "the four key delivery metrics", "The four key delivery metrics",
      "Deployment frequency, lead time for changes, change failure rate and time to restore service, used "
      "together to describe software delivery performance.",
      "Research across thousands of teams shows that speed and stability move together; measuring both stops "
      "teams trading one for the other.",
      "{team} at {org} deployed {product} monthly, and one change in three failed. Smaller, more frequent "
      "deployments improved both numbers within two quarters.",
      "Tracking speed and stability measures side by side at team level",
      "Using the metrics to compare and rank teams",
      "Teams work on different systems with different constraints; ranking invites gaming and hides learning.",
      "Which of the four measures would surprise your stakeholders most if you published it?"),
    C("deployment-pipeline", "a deployment pipeline", "Designing the deployment pipeline",
      "The automated path every change follows from commit to production, with build, test and release "
      "stages that give fast feedback.",
      "A reliable pipeline makes releasing routine, so teams can release small changes often instead of "
      "saving up risky big ones.",
      "{team} at {org} cut the pipeline for {product} from four hours to twenty-five minutes by running tests "
      "in parallel and removing a manual packaging step.",
      "Keeping the pipeline fast and treating a broken pipeline as the team's top priority",
      "Letting manual steps accumulate between automated stages",
      "Each manual step reintroduces the queues and handoffs that the pipeline was meant to remove.",
      "How long does a one-line change take to reach production where you work, and where does it wait?"),
    C("trunk-based", "trunk-based development", "Trunk-based development and small batches",
      "A practice in which developers integrate small changes into a shared main branch at least daily, "
      "instead of working on long-lived branches.",
      "Frequent integration surfaces conflicts while they are small and keeps the main branch releasable.",
      "Feature branches for {product} at {org} lived for three weeks on average and merges took days. Moving "
      "to daily integration behind feature flags removed the merge weeks entirely.",
      "Integrating small changes into the main branch at least once a day",
      "Keeping features on separate branches until they are finished",
      "Long-lived branches defer integration pain and turn every release into a large, risky batch.",
      "How long do branches live in your team, and what stops you merging sooner?"),
    C("feature-flags", "feature flags", "Separating deployment from release with feature flags",
      "Switches in the code that let teams deploy unfinished or risky changes turned off, and turn them on "
      "for chosen users when ready.",
      "They let teams deploy continuously while the business decides when customers see a change, and they "
      "make rollback a configuration change.",
      "{team} at {org} released a new pricing page for {product} to five per cent of customers first, watched "
      "the error rate, and widened the rollout over a week.",
      "Removing flags promptly once a feature is fully released",
      "Letting old feature flags accumulate indefinitely",
      "Stale flags multiply code paths, complicate testing and have caused serious production incidents.",
      "Which upcoming change in your work would be safer to release gradually?"),
    C("observability", "observability", "Observability: knowing what production is doing",
      "The ability to understand the internal state of a running system from its logs, metrics and traces, "
      "including questions nobody anticipated.",
      "Fast delivery is only safe if teams can see quickly when a change hurts customers, and why.",
      "When checkout errors rose after a release of {product}, traces let {team} at {org} find the faulty "
      "dependency in eight minutes instead of half a day.",
      "Defining service level objectives for what customers experience and alerting on them",
      "Alerting on every technical metric that might matter",
      "Alert fatigue trains people to ignore alarms, including the ones that matter.",
      "How would your team find out that customers were having a bad experience right now?"),
    C("incident-learning", "blameless incident reviews", "Learning from incidents without blame",
      "Reviews after an incident that focus on how the system and its conditions allowed the failure, rather "
      "than on who made a mistake.",
      "People share what really happened only when it is safe to do so, and that honesty is what prevents the "
      "next incident.",
      "The review of an outage of {product} at {org} found that the engineer on call had followed the runbook "
      "exactly; the runbook itself was out of date.",
      "Asking how it made sense to act as people did at the time",
      "Ending the review once a person responsible has been found",
      "Blame stops the inquiry before the systemic causes are found, and the same failure returns.",
      "Think of a recent failure. What conditions made it likely, whoever was involved?"),
    C("continuous-integration", "continuous integration", "Continuous integration as a team habit",
      "The team habit of merging work into the shared codebase frequently, with an automated build and test "
      "run on every change.",
      "Problems are found minutes after they are introduced, when they are cheapest to fix and the context is "
      "still fresh.",
      "{team} at {org} agreed that nobody would start new work on {product} while the main build was red, and "
      "broken builds went from lasting days to under an hour.",
      "Fixing a failing build before starting any new work",
      "Running the full test suite only overnight",
      "Feedback a day late means many changes are mixed together and the cause is hard to find.",
      "How quickly does your team learn that a change has broken something?"),
    C("platform-self-service", "self-service infrastructure", "Self-service environments and infrastructure",
      "Infrastructure and environments that delivery teams can create and change themselves through "
      "automated, well-documented interfaces.",
      "Waiting for another team to fulfil a ticket is one of the longest queues in many value streams.",
      "Test environments for {product} at {org} used to take eleven days to request. A self-service template "
      "brought that down to fifteen minutes.",
      "Offering paved paths that teams may use but are not forced to",
      "Building a platform without talking to the teams who will use it",
      "Platforms built on guesses go unused, and teams build workarounds around them.",
      "Which request to another team do you wait for most often?"),
]

EN_PRODUCT = [
    C("outcomes-outputs", "outcomes over outputs", "Outcomes over outputs",
      "Describing success as a change in customer or business behaviour rather than as the delivery of "
      "features.",
      "Teams measured on features shipped can be busy without helping anyone; outcomes keep the focus on value.",
      "Instead of 'build a new onboarding wizard', {team} at {org} was asked to 'raise the share of new "
      "customers who finish setting up {product} in their first week from 40 to 60 per cent'.",
      "Writing goals as measurable changes in customer behaviour",
      "Measuring a product team by the number of features it ships",
      "Feature counts reward output, encourage bloat and say nothing about whether customers benefit.",
      "Rewrite one item on your roadmap as an outcome. Whose behaviour would change, and how?"),
    C("discovery", "continuous discovery", "Continuous discovery habits",
      "A weekly rhythm of talking to customers and testing ideas, run by the same team that builds the product.",
      "Small, frequent contact with customers catches wrong assumptions before expensive delivery work begins.",
      "{team} at {org} interviews two customers of {product} every week; the habit surfaced a billing "
      "confusion that no support ticket had described.",
      "Interviewing customers weekly as a team, not only through researchers",
      "Treating discovery as a phase that ends before delivery starts",
      "Assumptions keep changing as the product evolves, so a one-off discovery phase goes stale quickly.",
      "When did your team last speak directly with a customer, and what did you learn?"),
    C("experiments", "assumption testing", "Testing assumptions with small experiments",
      "Identifying the beliefs an idea depends on and testing the riskiest ones cheaply, before building the "
      "full solution.",
      "Most ideas do not work as expected; cheap tests let teams drop weak ideas early and invest in promising "
      "ones.",
      "Before building a reporting feature for {product}, {team} at {org} added a 'coming soon' link and found "
      "that fewer than two per cent of users clicked it.",
      "Testing the riskiest assumption first with the cheapest credible experiment",
      "Running experiments without deciding in advance what result would change the plan",
      "Without a decision rule, any result can be read as support for the idea the team already liked.",
      "What is the riskiest assumption behind the next thing your team plans to build?"),
    C("north-star", "a north star metric", "Choosing a north star metric",
      "A single measure that captures the core value customers get from a product and that leads to long-term "
      "business results.",
      "It aligns many teams on one definition of success and helps them choose between competing ideas.",
      "{org} chose 'requests resolved without a phone call' as the north star for {product}, linking customer "
      "convenience to lower operating costs.",
      "Pairing the north star with a few input metrics that teams can influence directly",
      "Choosing revenue as the north star",
      "Revenue lags behind the value customers receive and gives teams little guidance on what to do next.",
      "What single number would best show that your customers are getting value?"),
    C("cost-of-delay", "cost of delay", "Cost of delay: putting a price on waiting",
      "An estimate of how much value is lost for each week a piece of work is not delivered.",
      "It turns arguments about priority into a shared economic conversation and shows why waiting is rarely "
      "free.",
      "{team} at {org} estimated that a regulatory change to {product} would cost fifty thousand euros a week "
      "once its deadline passed, which moved it above three larger features.",
      "Dividing cost of delay by duration to decide what to do first",
      "Prioritising by whoever argues most forcefully",
      "Loud advocacy hides the economics and leaves the most valuable work waiting.",
      "Which item in your backlog becomes much less valuable if it is late?"),
    C("roadmap", "an outcome roadmap", "Roadmaps as hypotheses",
      "A roadmap organised around problems to solve and outcomes to reach, with solutions treated as bets "
      "that may change.",
      "Date-and-feature roadmaps turn guesses into commitments; outcome roadmaps leave room to learn without "
      "losing direction.",
      "{org} replaced a twelve-month feature list for {product} with three quarterly outcomes and a 'now, "
      "next, later' view of the problems behind them.",
      "Showing confidence levels, with near-term items more certain than later ones",
      "Publishing a year of features with fixed dates",
      "Fixed lists become promises that block learning, and they are broken anyway.",
      "What would your stakeholders need in order to trust a roadmap without fixed feature dates?"),
    C("customer-interviews", "customer interviews", "Interviewing customers well",
      "Structured conversations that ask customers to tell stories about what they actually did, rather than "
      "what they might want.",
      "Stories about specific past behaviour are far more reliable than opinions or predictions about future "
      "use.",
      "Asking 'tell me about the last time you used {product}' gave {team} at {org} far richer insight than "
      "asking 'would you use a progress tracker?'.",
      "Asking for specific recent stories and following up on the details",
      "Asking customers which features they would like",
      "People are poor at predicting their own behaviour, and feature requests hide the underlying need.",
      "Draft one story-based question you could ask a customer this week."),
]

EN_PORTFOLIO = [
    C("lean-budgets", "lean budgets", "Lean budgets and guardrails",
      "Funding long-lived value streams for a period, with guardrails on spending, instead of approving and "
      "funding individual projects.",
      "Project funding adds months of approvals and locks decisions in early; funding streams lets teams adapt "
      "as they learn.",
      "{org} moved from annual project approvals to funding the value stream behind {product}, reviewed each "
      "quarter against its outcomes.",
      "Reviewing value stream funding regularly against outcomes rather than against plans",
      "Requiring a full business case before any work can start",
      "Heavy up-front approval delays learning and encourages inflated promises.",
      "How long does it take to get funding approved for new work in your organisation?"),
    C("portfolio-kanban", "a portfolio kanban", "Visualising the portfolio with kanban",
      "A board showing large initiatives moving through states from idea to done, with limits on how many may "
      "be in progress at once.",
      "Portfolios usually start far more than they can finish; making the flow visible exposes overload at the "
      "top of the organisation.",
      "The portfolio board at {org} showed thirty-four initiatives in progress. Leaders agreed a limit of "
      "twelve, and work on {product} stopped being interrupted every month.",
      "Setting limits on initiatives in progress at portfolio level",
      "Approving new initiatives without stopping any existing ones",
      "Every extra initiative spreads the same people thinner and slows everything down.",
      "How many major initiatives is your organisation running, and how many could it staff properly?"),
    C("wsjf", "weighted shortest job first", "Sequencing work with weighted shortest job first",
      "A prioritisation method that ranks work by its cost of delay divided by its duration or size.",
      "It favours work that delivers a lot of value quickly, which maximises the value delivered over time.",
      "Applying the method at {org} moved a small integration for {product} ahead of a large platform rewrite "
      "that had dominated planning for a year.",
      "Scoring items relative to each other in a group with business and delivery people present",
      "Treating the scores as precise numbers",
      "The scores are rough relative judgements; false precision creates arguments about decimals.",
      "Which item in your portfolio is large, slow and not urgent, yet always at the top?"),
    C("epic-hypothesis", "an epic hypothesis statement", "Writing epic hypothesis statements",
      "A short description of a large initiative that states the expected benefit, the leading indicators and "
      "how success will be judged.",
      "It makes big bets testable, so the portfolio can stop or pivot an initiative early instead of funding it "
      "to the end.",
      "The hypothesis for a self-service feature in {product} at {org} named a leading indicator: calls to "
      "the contact centre down fifteen per cent within three months.",
      "Naming leading indicators that will show early whether the bet is working",
      "Defining success only as delivering the agreed scope",
      "Scope delivered says nothing about benefit; an initiative can finish on time and still fail.",
      "What early signal would tell you that your current biggest initiative is not working?"),
    C("capacity-allocation", "capacity allocation", "Capacity allocation across kinds of work",
      "Agreeing in advance what share of delivery capacity goes to new features, improvements, risk work and "
      "technical debt.",
      "Without an agreement, urgent feature requests always win and the stream slowly loses its ability to "
      "deliver.",
      "{org} agreed that a fifth of the capacity behind {product} would go to technical debt, and delivery "
      "stopped slowing down for the first time in two years.",
      "Revisiting the allocation with stakeholders each planning cycle",
      "Funding technical debt work only when something breaks",
      "Reactive debt work is the most expensive kind, and it arrives at the worst moment.",
      "What share of your capacity goes to keeping things healthy, and is it enough?"),
    C("strategic-themes", "strategic themes", "Connecting strategy to the portfolio",
      "A small number of business objectives that guide which initiatives the portfolio funds and how they "
      "are ranked.",
      "Themes give teams a reason to say no, and let leaders see whether spending matches stated strategy.",
      "When {org} tagged every initiative with a strategic theme, it found that only fifteen per cent of "
      "spending supported its top priority, improving {product}.",
      "Limiting strategic themes to three to five at a time",
      "Declaring every initiative strategic",
      "If everything is a priority, nothing is, and the portfolio cannot make trade-offs.",
      "Which of your organisation's stated priorities gets the least actual investment?"),
]

EN_TEAMS = [
    C("stream-aligned", "a stream-aligned team", "Stream-aligned teams",
      "A long-lived team aligned to a single flow of work, such as a product, service or user journey, with "
      "the skills to deliver it end to end.",
      "When a team owns a whole flow, it can deliver most changes without waiting for other teams.",
      "{org} rebuilt {team} around the customer journey of {product}, bringing in testing and operations "
      "skills, and cut handoffs from six to two.",
      "Aligning most teams to a flow of customer value",
      "Organising teams by technical layer, such as front end, back end and database",
      "Layered teams need each other for every feature, so every change waits in several queues.",
      "Which flow of work would your team own if it were stream-aligned?"),
    C("platform-team", "a platform team", "Platform teams as internal products",
      "A team that provides self-service capabilities, such as deployment or data services, that "
      "stream-aligned teams use to deliver faster.",
      "A good platform reduces what every other team has to know and do, freeing them to focus on customers.",
      "The platform team at {org} treated its deployment service as a product, interviewed {team} and "
      "measured adoption rather than tickets closed.",
      "Running the platform as a product, with its users as customers",
      "Mandating platform use without making it better than the alternatives",
      "Mandates breed resentment and workarounds; a platform should win on convenience.",
      "What would an internal platform have to do for your team to choose it freely?"),
    C("enabling-team", "an enabling team", "Enabling teams and building capability",
      "A small team of specialists that helps other teams acquire new skills, such as test automation or "
      "security, for a limited time.",
      "Capabilities spread faster when experts coach teams than when every request goes through the experts.",
      "An enabling team spent six weeks pairing with {team} at {org} on test automation for {product}, then "
      "stepped back as the team took over.",
      "Agreeing an end date for each enabling engagement",
      "Letting the enabling team do the work instead of teaching it",
      "The other team gains no capability and the specialists become a permanent bottleneck.",
      "Which skill gap slows your team most, and who could help you close it?"),
    C("interaction-modes", "team interaction modes", "Team interaction modes",
      "Three deliberate ways for teams to work together: collaboration for discovery, X-as-a-service for "
      "stable boundaries, and facilitation for building skills.",
      "Choosing a mode on purpose, and for a limited time, avoids the constant, costly collaboration that "
      "comes from unclear boundaries.",
      "{team} at {org} collaborated closely with the payments team for one quarter to design a new interface "
      "for {product}, then switched to consuming it as a service.",
      "Agreeing which interaction mode applies between two teams, and for how long",
      "Defaulting to collaboration with every team",
      "Collaboration is expensive; doing it everywhere overloads teams and blurs ownership.",
      "Which team do you collaborate with most, and should that relationship be a service instead?"),
    C("cognitive-load", "team cognitive load", "Cognitive load and team boundaries",
      "The amount of knowledge and mental effort a team needs to own and change its systems, domains and tools.",
      "When a team owns more than it can hold in mind, quality falls, delivery slows and people burn out.",
      "{team} at {org} owned eleven services behind {product}. Moving four rarely changed services to a "
      "platform team gave it room to improve the ones customers used most.",
      "Sizing team responsibilities to what the team can understand well",
      "Adding responsibilities to a team because it is seen as capable",
      "Capable teams become overloaded first, and their best people leave.",
      "What does your team own that it rarely changes but still has to understand?"),
    C("conway", "Conway's law", "Conway's law and the reverse manoeuvre",
      "The observation that systems tend to mirror the communication structure of the organisation that "
      "builds them.",
      "If you want a particular architecture, you need team boundaries that match it; otherwise the "
      "organisation pulls the design back.",
      "{org} wanted {product} split into independent services but kept one large team; the services stayed "
      "tightly coupled until the team itself was split along the same lines.",
      "Designing team boundaries and architecture together",
      "Reorganising teams without considering the architecture they own",
      "Teams end up sharing code and systems across boundaries, which creates new dependencies.",
      "Where does your system's structure mirror an org chart that no longer exists?"),
    C("team-api", "a team API", "Publishing a team API",
      "A description of how other teams should interact with a team: what it owns, how to request work, how "
      "it communicates and what it offers as a service.",
      "Clear interfaces between teams reduce interruptions and make dependencies visible.",
      "{team} at {org} published a one-page team API describing the services behind {product}, its on-call "
      "rota and how to request changes; ad hoc messages dropped by half.",
      "Publishing, and regularly updating, how other teams should work with yours",
      "Relying on personal relationships to route requests between teams",
      "Knowledge stays with a few people, and newcomers cannot find their way in.",
      "If another team read your team's API, what would surprise them?"),
]

EN_LEADERSHIP = [
    C("psych-safety", "psychological safety", "Psychological safety in delivery teams",
      "A shared belief in a team that it is safe to speak up, admit mistakes and ask questions without being "
      "punished or humiliated.",
      "Teams learn and improve only when problems are raised early; fear makes problems invisible until they "
      "are expensive.",
      "The head of delivery at {org} began meetings by describing her own mistakes of the week, and within a "
      "month {team} was raising risks on {product} days earlier.",
      "Responding to bad news with curiosity and thanks",
      "Punishing the messenger when a problem is reported",
      "People quickly learn to hide problems, and leaders hear about them only when it is too late.",
      "How does your team react when someone admits a mistake?"),
    C("generative-culture", "a generative culture", "Building a generative culture",
      "An organisational culture in which information flows freely, cooperation is high, failures lead to "
      "inquiry and new ideas are welcomed.",
      "Research links this kind of culture to both better delivery performance and better well-being.",
      "{org} began publishing the flow metrics for {product} to all staff, and meetings changed from "
      "defending numbers to discussing what to try next.",
      "Sharing information widely, including the uncomfortable parts",
      "Keeping performance information within management",
      "Hidden information signals distrust and stops the people closest to the work from acting.",
      "What information about your value stream do the people closest to the work never see?"),
    C("gemba", "going to see the work", "Going to see the work",
      "Leaders spending regular time where the work happens, observing and asking questions rather than "
      "relying only on reports.",
      "Reports summarise away the details that explain problems; direct observation builds understanding and "
      "trust.",
      "The director at {org} joined the board review of {team} every Tuesday, asking only what was blocking "
      "work on {product} and what she could remove.",
      "Asking what is getting in the way, and following up on what you hear",
      "Using visits to check up on individuals",
      "Visits that feel like inspections make people perform rather than share problems.",
      "When did you last see, first hand, how work flows in a team you are responsible for?"),
    C("coaching-conversations", "coaching conversations", "Coaching conversations that improve flow",
      "Conversations in which a leader helps others think a problem through with questions, instead of "
      "handing them answers.",
      "People who find their own solutions own them, and the organisation builds problem-solving capability "
      "instead of dependence.",
      "Instead of telling {team} at {org} to hire more testers, the team lead asked what the test queue for "
      "{product} was waiting on, and the team found a data-setup problem.",
      "Asking open questions about the current condition and the next experiment",
      "Answering every problem yourself because it is faster",
      "It is faster once, but it makes the leader the bottleneck and stops others learning.",
      "Which problem could you coach someone through this week instead of solving it yourself?"),
    C("change-narrative", "a change narrative", "Telling the story of the change",
      "A clear, honest account of why an organisation needs to change, what will change and what will stay "
      "the same.",
      "People resist changes they do not understand; a good narrative connects the change to things they care "
      "about.",
      "Leaders at {org} explained the move to value streams through one customer's forty-day wait for a "
      "change to {product}, rather than through an organisation chart.",
      "Explaining the reason for change in terms of customers and colleagues",
      "Announcing a new operating model through slides about structure",
      "Structure charts answer 'who reports to whom', not 'why should I care'.",
      "How would you explain the case for better flow to a colleague in two sentences?"),
    C("decentralised-decisions", "decentralised decision-making", "Pushing decisions to where the information is",
      "Letting the people closest to the work make decisions within clear boundaries, while leaders keep the "
      "strategic ones.",
      "Decisions made close to the work are faster and better informed; escalations are one of the longest "
      "queues in many organisations.",
      "{org} allowed {team} to approve low-risk releases of {product} themselves, removing a weekly approval "
      "meeting.",
      "Identifying decisions that are frequent, time-critical and local, and delegating them",
      "Delegating decisions without sharing the information needed to make them",
      "People given authority without context make poor decisions, and trust erodes.",
      "Which decision is escalated most often in your area, and could it be delegated?"),
    C("sponsoring", "value stream sponsorship", "Sponsoring a value stream",
      "The role of a senior leader who owns the outcomes of a value stream end to end and removes obstacles "
      "that cross departments.",
      "Delays between departments need someone with authority across them; otherwise each department "
      "optimises its own piece.",
      "The sponsor of {product} at {org} chaired a monthly flow review and settled a dispute between security "
      "and delivery that had stalled work for months.",
      "Reviewing flow and outcomes with the teams regularly",
      "Sponsoring in name only, without time for reviews",
      "An absent sponsor leaves cross-department problems unresolved and signals that the work does not matter.",
      "Who, if anyone, owns your value stream end to end?"),
]

EN_DATA_AI = [
    C("data-model", "a common flow data model", "A common data model for flow",
      "An agreed mapping of work item types, states and timestamps across planning, code, pipeline and "
      "service tools.",
      "Flow metrics are only as good as the data behind them; without a shared model, every team's numbers "
      "mean something different.",
      "{org} found four definitions of 'done' across the tools behind {product}. Agreeing on one took two "
      "workshops and changed the reported flow time by eleven days.",
      "Documenting state mappings and who owns each definition",
      "Letting each tool's default workflow define the states",
      "Defaults differ between tools and teams, so metrics become incomparable and misleading.",
      "How many different meanings of 'done' exist in your organisation?"),
    C("data-quality", "data quality in delivery tools", "Data quality: garbage in, garbage out",
      "How completely, accurately and consistently work is recorded in delivery tools, including when items "
      "change state.",
      "Missing or late updates distort every metric, and decisions based on distorted metrics can do real harm.",
      "At {org}, a third of the items for {product} jumped from 'to do' straight to 'done', hiding their real "
      "flow time. Taking state changes from the pipeline fixed most of them.",
      "Capturing state changes automatically from the work itself wherever possible",
      "Asking people to update tickets more diligently as the main fix",
      "Manual updates are a chore that competes with real work, so they will always lag.",
      "Which state changes in your tools happen automatically, and which depend on someone remembering?"),
    C("ml-forecasting", "machine-learning forecasts", "Machine-learning forecasts for delivery",
      "Statistical models that learn from historical delivery data to predict outcomes such as completion "
      "dates or the risk that an item will be late.",
      "They can spot patterns people miss, but only if their limits are understood and their predictions are "
      "checked against reality.",
      "A model at {org} flagged items for {product} that were likely to exceed their service level. Checking "
      "its track record each month showed it was right about seven times in ten.",
      "Measuring a model's accuracy over time and publishing it alongside its predictions",
      "Presenting model outputs as certainties",
      "Overconfident predictions lose trust the first time they are wrong, and they hide real uncertainty.",
      "Which prediction would help your team most, and how would you know whether it was any good?"),
    C("ai-assistants", "AI coding assistants", "AI assistants in the delivery flow",
      "Tools based on large language models that suggest code, tests, documentation or summaries to people "
      "doing delivery work.",
      "They can speed up some activities, but faster activities do not shorten flow time if work still waits "
      "in queues.",
      "After introducing AI assistants, {team} at {org} wrote code for {product} faster, yet flow time did not "
      "change: items still waited nine days for review.",
      "Measuring the effect of AI tools on end-to-end flow, not only on individual activity",
      "Judging AI tools by the lines of code they produce",
      "More code is not more value; it can mean more to review, test and maintain.",
      "Where in your value stream would faster activity actually shorten flow time?"),
    C("bias", "bias in data and models", "Bias in data and models",
      "Systematic distortions in data or algorithms that lead to unfair or inaccurate results for some groups "
      "or situations.",
      "Delivery data reflects past decisions and habits; models trained on it can repeat and amplify past "
      "unfairness.",
      "A model at {org} predicted that work from one regional office would always be late, because that "
      "office had historically received the least support for {product}.",
      "Checking model results separately for different teams, regions and kinds of work",
      "Assuming that data from delivery tools is neutral",
      "Tool data records the effects of earlier decisions, including unfair ones.",
      "Which groups or kinds of work are under-represented in your delivery data?"),
    C("explainability", "explainability", "Explaining model results to the people affected",
      "The ability to describe in plain language why a model produced a particular result and what would "
      "change it.",
      "People should be able to understand and challenge automated judgements that affect their work.",
      "{team} at {org} refused to use a risk score for changes to {product} until the vendor could show which "
      "factors drove each score.",
      "Showing the main factors behind each prediction alongside the prediction itself",
      "Deploying opaque scores that teams cannot question",
      "Unexplained scores create distrust and can hide errors for a long time.",
      "Could you explain to a colleague why your tools produced their last forecast?"),
    C("telemetry-privacy", "privacy in delivery telemetry", "Privacy and delivery telemetry",
      "Protecting the personal information contained in delivery data, such as who did what work and when.",
      "Delivery data easily becomes individual surveillance, which harms trust and may breach data "
      "protection law.",
      "{org} aggregated the delivery data for {product} to team level before it reached any dashboard, and "
      "deleted individual-level data after ninety days.",
      "Aggregating delivery data to team level before reporting it",
      "Building dashboards of individual activity, such as commits per person",
      "Individual activity counts are poor proxies for contribution, and they damage collaboration.",
      "Who can see individual-level data in your delivery tools, and do they need to?"),
]

EN_GOVERNANCE = [
    C("compliance-as-code", "compliance as code", "Compliance as code",
      "Expressing control requirements as automated checks that run in the delivery pipeline and record "
      "evidence as they go.",
      "Automated controls run on every change, so compliance improves while the manual approvals that slow "
      "delivery disappear.",
      "{org} replaced a forty-item release checklist for {product} with pipeline checks that produced audit "
      "evidence automatically.",
      "Working with risk and audit colleagues to turn controls into automated checks",
      "Automating controls without involving the auditors",
      "Auditors may not accept the evidence, and the manual checks come back.",
      "Which manual control in your release process could become an automated check?"),
    C("audit-evidence", "audit evidence from the pipeline", "Audit evidence from the pipeline",
      "Records produced automatically by delivery tools, such as who approved a change and which tests ran, "
      "kept in a tamper-evident way.",
      "Evidence generated as a side effect of the work is more complete and more reliable than evidence "
      "assembled just before an audit.",
      "Preparing for an audit of {product} at {org} used to take three weeks of screenshots; with pipeline "
      "evidence it took two days.",
      "Storing pipeline evidence centrally, with retention rules agreed with audit",
      "Collecting evidence by hand just before the audit",
      "Reconstructed evidence is incomplete, and gathering it consumes weeks of delivery capacity.",
      "How much time does your team spend preparing for audits, and what could be automated?"),
    C("separation-of-duties", "separation of duties", "Separation of duties in automated delivery",
      "Making sure that no single person can make and release a change without another person or control "
      "checking it.",
      "It protects against fraud and error, and it can be met through peer review and automation instead of "
      "separate departments.",
      "{org} satisfied its regulator by combining mandatory peer review with pipeline-enforced approvals for "
      "{product}, and closed its separate release team.",
      "Meeting separation of duties through peer review and enforced pipeline controls",
      "Creating a separate team whose only job is to release other teams' changes",
      "It adds a handoff and a queue while adding little real assurance.",
      "How is separation of duties met in your delivery process today?"),
    C("risk-based-change", "risk-based change approval", "Risk-based change approval",
      "Matching the level of review to the risk of a change, so that routine low-risk changes flow through "
      "automatically.",
      "Most changes are small and routine; sending them all to a change board adds delay without reducing "
      "risk.",
      "{org} classified changes to {product} by risk; eighty per cent became pre-approved standard changes, "
      "and the change board concentrated on the rest.",
      "Defining standard changes that are pre-approved when the pipeline checks pass",
      "Sending every change to a weekly change board",
      "Batched approvals add days of waiting and encourage larger, riskier changes.",
      "What share of your changes is routine enough to pre-approve?"),
    C("controls-mapping", "a controls map", "Mapping controls onto the value stream",
      "A view of where each regulatory or policy control applies along the value stream, and how it is met.",
      "Seeing controls on the stream shows which ones cause waiting and where automation or redesign would "
      "help.",
      "Placing controls on the value stream map of {product} at {org} revealed that three different reviews "
      "checked the same thing at different stages.",
      "Adding controls and their evidence to the value stream map",
      "Treating every control as equally important",
      "Without risk-based priorities, low-value controls get as much effort as critical ones.",
      "Which control in your stream duplicates another?"),
    C("public-sector", "a public-service value stream", "Value streams in public services",
      "The end-to-end flow of a public service, from a citizen's need to its resolution, often crossing "
      "several agencies and legal requirements.",
      "Citizens experience the whole journey, not the agency boundaries, and delays between agencies are "
      "often the largest.",
      "Mapping the journey behind {product} at {org} showed that citizens waited longest between two "
      "agencies that each met their own targets.",
      "Mapping public services from the citizen's point of view, across agency boundaries",
      "Measuring each agency only against its own targets",
      "Local targets can be met while the citizen's overall wait grows.",
      "Which public service have you used that crossed several organisations, and where did you wait?"),
]

EN_ETHICS = [
    C("consent", "informed consent", "Informed consent in practice research",
      "Agreement to take part in research, given freely by people who understand its purpose, risks and "
      "benefits and their right to withdraw.",
      "Studying how teams work means studying people; consent respects their autonomy and is required by most "
      "ethics frameworks.",
      "Before interviewing engineers about delays in {product}, {team} at {org} explained how quotes would be "
      "used and that anyone could withdraw until publication.",
      "Explaining purpose, use of data and the right to withdraw in plain language",
      "Treating a manager's approval as consent from the whole team",
      "Consent is personal, and people may feel unable to refuse once their manager has agreed.",
      "When you study your own organisation, how do you make sure people can really say no?"),
    C("minimisation", "data minimisation", "Collecting only the data you need",
      "Collecting and keeping only the personal data that is necessary for a clearly defined purpose.",
      "Every extra field is a privacy risk and a responsibility; less data means less harm if something goes "
      "wrong.",
      "{team} at {org} removed names and free-text comments from the delivery data exported for its study of "
      "{product}, keeping only timestamps and work types.",
      "Defining the research question before deciding what data to collect",
      "Exporting everything in case it turns out to be useful",
      "Unneeded data increases risk and may breach data protection law.",
      "What data do you hold about colleagues that you no longer need?"),
    C("anonymisation", "confidentiality and anonymisation", "Confidentiality and anonymisation",
      "Protecting the identity of participants, recognising that in small teams even job titles or timings can "
      "identify someone.",
      "Being identifiable in a study of team performance can harm careers; protecting identities protects "
      "people.",
      "A case study of {product} at {org} described 'a senior engineer' rather than 'the team's only database "
      "specialist', which would have identified her.",
      "Checking whether a combination of details could identify someone",
      "Assuming that removing names is enough",
      "In small groups, roles, locations and dates identify people just as easily as names.",
      "In your last report or presentation, could anyone have been identified from the details?"),
    C("authorship", "authorship and credit", "Authorship and credit",
      "Fair acknowledgement of everyone who made a substantial contribution to work that is published or "
      "presented.",
      "Credit shapes careers; misattributing it is a form of misconduct and damages trust in a community.",
      "When {team} at {org} presented results from {product} at a conference, they had agreed authorship at "
      "the start and thanked the analysts who cleaned the data.",
      "Agreeing authorship and acknowledgements early, and revisiting them as contributions change",
      "Adding senior colleagues as authors because of their position",
      "Honorary authorship misrepresents who did the work and who is accountable for it.",
      "How are authorship and credit decided in your team or organisation?"),
    C("conflicts", "conflicts of interest", "Recognising and declaring conflicts of interest",
      "Situations in which personal, financial or professional interests could influence, or appear to "
      "influence, professional judgement.",
      "Undeclared conflicts undermine trust in findings even when the work is sound; declaring them lets others "
      "judge.",
      "A consultant evaluating a tool used for {product} at {org} declared that her firm resold the vendor's "
      "products, and a second reviewer was added.",
      "Declaring potential conflicts early and letting others decide how to manage them",
      "Deciding privately that a conflict does not matter",
      "People are poor judges of their own bias, and the appearance of a conflict matters too.",
      "What interests might someone see as influencing your professional recommendations?"),
    C("record-keeping", "research records and reproducibility", "Keeping records others can check",
      "Keeping data, code and decisions in a form that lets others understand, check and reproduce results.",
      "Reproducible work can be trusted and built on; undocumented analysis cannot be checked, even by its "
      "author a year later.",
      "{team} at {org} kept the scripts and data snapshots behind its report on {product}, so when a result "
      "was questioned they could rerun it in an hour.",
      "Versioning data extracts and analysis code together",
      "Editing numbers by hand in a spreadsheet before reporting them",
      "Manual edits leave no trace and make errors impossible to find.",
      "Could someone else reproduce your last analysis from what you kept?"),
    C("responsible-metrics", "responsible use of metrics", "Using metrics responsibly",
      "Using quantitative indicators to support, not replace, expert judgement, with care for how they affect "
      "the people measured.",
      "Metrics change behaviour; used carelessly, they reward gaming and harm the people they were meant to "
      "help.",
      "{org} decided never to use flow metrics in the individual performance reviews of {team}, and said so "
      "publicly when it introduced them for {product}.",
      "Stating openly how metrics will and will not be used",
      "Using team flow metrics in individual performance reviews",
      "People then optimise the number rather than the work, and trust in the data collapses.",
      "What would change in your team if your delivery metrics were used to judge individuals?"),
    C("raising-concerns", "raising concerns about misconduct", "Raising and handling concerns about misconduct",
      "The routes, protections and responsibilities involved when someone suspects fabrication, falsification, "
      "plagiarism or other misconduct.",
      "Misconduct is rarely found unless someone speaks up; clear, safe routes protect both the person "
      "reporting and the person accused.",
      "An analyst at {org} noticed that figures for {product} in a published case study did not match the "
      "source data, and raised it through the confidential integrity route.",
      "Knowing the confidential route for concerns before you need it",
      "Discussing suspicions about a named colleague informally",
      "Gossip harms people who may be innocent and can compromise a fair investigation.",
      "Do you know whom you would contact if you suspected research misconduct?"),
    C("ai-in-research", "responsible AI use in research", "Using AI tools responsibly in research",
      "Using generative AI and automated analysis in ways that are transparent, verified, respectful of "
      "confidentiality and clear about authorship.",
      "AI tools can invent references, leak confidential data and blur who is responsible for the work.",
      "{team} at {org} disclosed that an AI tool had summarised the interview transcripts about {product}, "
      "and checked every summary against the original.",
      "Disclosing AI use and checking its outputs against the sources",
      "Pasting confidential interview data into a public AI service",
      "It may breach the participants' consent and data protection law.",
      "Where in your work would readers expect you to disclose AI use?"),
    C("mentoring-duties", "the responsibilities of mentors and supervisors",
      "Responsibilities of mentors and supervisors",
      "The duties of people who guide others' work: setting clear expectations, giving fair credit, modelling "
      "integrity and supporting well-being.",
      "Mentees learn professional and research norms largely by example, and poor supervision is a common "
      "root of misconduct.",
      "A mentor at {org} agreed written expectations with her mentee for a study of {product}, including how "
      "credit would be shared.",
      "Agreeing expectations and credit in writing at the start",
      "Leaving mentees to work out the unwritten rules for themselves",
      "Unclear expectations lead to misunderstandings, unfair credit and avoidable mistakes.",
      "What did a mentor teach you, by example, about integrity?"),
]

ES_FLOW = [
    C("velocidad-flujo", "la velocidad de flujo", "Velocidad de flujo: cuánto valor entregas",
      "El número de elementos de trabajo de todo tipo (funcionalidades, defectos, riesgos y deuda técnica) "
      "terminados en un periodo determinado.",
      "Muestra si la entrega se acelera o se frena con el tiempo y hace visible el trabajo que no son "
      "funcionalidades, en lugar de dejarlo fuera de la cuenta.",
      "{team} de {org} contaba solo funcionalidades y parecía estable, con doce elementos cada quince días. Al "
      "incluir defectos y riesgos, la velocidad real era de veinte elementos, y un tercio era retrabajo en "
      "{product}.",
      "Contar todo el trabajo terminado, no solo las funcionalidades",
      "Comparar la velocidad entre equipos para clasificarlos",
      "Cada equipo dimensiona y divide el trabajo de forma distinta, así que la comparación no significa nada "
      "e invita a manipular los datos.",
      "¿Qué trabajo termina tu equipo que nunca aparece en los números que reportas?"),
    C("tiempo-flujo", "el tiempo de flujo", "Tiempo de flujo: del compromiso a la entrega",
      "El tiempo transcurrido desde que un elemento de trabajo se acepta en el flujo de valor hasta que se "
      "entrega al cliente, incluidas todas las esperas.",
      "Los clientes perciben el tiempo transcurrido, no el esfuerzo. El tiempo de flujo indica cuánto esperan "
      "las personas por lo que pidieron.",
      "En {org}, un cambio pequeño en {product} necesitó dos días de trabajo efectivo pero treinta y un días "
      "de tiempo de flujo, casi todos esperando un entorno de pruebas y un comité de cambios.",
      "Presentar el tiempo de flujo como una distribución con percentiles y no como un único promedio",
      "Fijar objetivos de tiempo de flujo para cada persona",
      "El tiempo de flujo es una propiedad del sistema; los objetivos individuales empujan a elegir el "
      "trabajo fácil y a esconder el difícil.",
      "Elige un elemento que tu equipo entregó hace poco. ¿Dónde pasó la mayor parte de su tiempo de flujo?"),
    C("carga-flujo", "la carga de flujo", "Carga de flujo y trabajo en curso",
      "El número de elementos de trabajo que se han empezado pero aún no se han terminado en un flujo de valor "
      "en un momento dado.",
      "Cuando hay demasiado trabajo en curso, todo tarda más: aumentan los cambios de contexto y se forman "
      "colas delante de cada especialista.",
      "{team} de {org} tenía cuarenta y tres elementos en curso para nueve personas. Al reducir esa cifra a la "
      "mitad, la mediana del tiempo de flujo de los cambios en {product} bajó de veinticuatro a once días en "
      "dos meses.",
      "Acordar límites explícitos al trabajo en curso y terminar antes de empezar",
      "Empezar trabajo nuevo en cuanto alguien se queda libre un momento",
      "Es más barato tener a una persona libre que trabajo parado; empezar más aumenta la carga y frena todo "
      "lo que ya está en el sistema.",
      "¿Cuántos elementos tiene tu equipo en curso ahora mismo y cuántos elegiríais si empezarais de nuevo?"),
    C("eficiencia-flujo", "la eficiencia de flujo", "Eficiencia de flujo: tiempo activo frente a espera",
      "La proporción del tiempo de flujo total durante la que alguien trabaja activamente en un elemento, "
      "frente al tiempo que pasa esperando.",
      "En la mayoría de los flujos de valor la eficiencia queda muy por debajo del veinte por ciento, así que "
      "las grandes mejoras vienen de eliminar esperas, no de trabajar más rápido.",
      "Cuando {team} de {org} siguió el recorrido de diez elementos, el tiempo activo sumaba seis días de "
      "cincuenta y dos: una eficiencia de flujo de alrededor del doce por ciento.",
      "Buscar primero los estados de espera más largos antes de optimizar cualquier actividad",
      "Pedir a las personas que trabajen más rápido para mejorar la entrega",
      "Acelerar las actividades apenas mueve el tiempo de flujo cuando la mayor parte es espera, y además "
      "agota a las personas.",
      "¿Qué espera de tu flujo de valor eliminarías primero si pudieras, y con quién tendrías que hablar?"),
    C("distribucion-flujo", "la distribución de flujo", "Distribución de flujo: equilibrio entre tipos de trabajo",
      "La proporción de cada tipo de trabajo (funcionalidades, defectos, riesgos y deuda) terminado o en curso "
      "durante un periodo.",
      "Hace explícitas las decisiones de equilibrio: un flujo que nunca invierte en deuda ni en riesgos está "
      "hipotecando su velocidad futura.",
      "La dirección de {org} suponía que {product} era sobre todo trabajo de nuevas funcionalidades. La "
      "distribución mostró un cuarenta por ciento de defectos, y se decidió dedicar un trimestre a "
      "automatizar pruebas.",
      "Acordar una distribución objetivo con las áreas de negocio y revisarla cada trimestre",
      "Tratar los defectos y la deuda técnica como una carga invisible",
      "El trabajo que no se ve también consume capacidad, así que los planes basados solo en funcionalidades "
      "nacen equivocados.",
      "Si miraras el trabajo terminado el último trimestre, ¿qué distribución esperarías encontrar y cuál te "
      "gustaría tener?"),
    C("ley-little", "la ley de Little", "La ley de Little: menos trabajo en curso, entregas más rápidas",
      "La relación, en un sistema estable, según la cual el tiempo medio en el sistema es igual al trabajo en "
      "curso medio dividido entre el rendimiento medio.",
      "Explica por qué reducir el trabajo en curso acorta el tiempo de flujo sin que nadie trabaje más, y "
      "ayuda a comprobar si una previsión es razonable.",
      "{team} de {org} terminaba unos cinco elementos por semana con treinta en curso, así que la ley de "
      "Little predecía unas seis semanas por elemento, justo de lo que se quejaban las personas usuarias de "
      "{product}.",
      "Usar la ley de Little para razonar sobre tendencias, tras comprobar que entradas y salidas están "
      "equilibradas",
      "Usar la ley de Little para prever la fecha de entrega de un elemento concreto",
      "La ley describe promedios a largo plazo; cada elemento varía mucho, así que para fechas conviene usar "
      "percentiles o simulación.",
      "Con números aproximados, ¿qué sugiere la ley de Little sobre el tiempo de flujo de tu equipo hoy?"),
    C("percentiles-servicio", "las expectativas de nivel de servicio",
      "Expectativas de nivel de servicio con percentiles",
      "Afirmaciones como «el ochenta y cinco por ciento de los elementos se termina en dieciocho días o "
      "menos», obtenidas de la dispersión histórica de los tiempos de flujo.",
      "Dan a los clientes una respuesta honesta y probabilística a la pregunta «¿cuándo estará?» y hacen "
      "visibles los casos extremos en lugar de esconderlos en un promedio.",
      "{team} de {org} sustituyó «unas dos semanas» por «el ochenta y cinco por ciento de los cambios en "
      "{product} sale en dieciséis días o menos», y las quejas por retrasos bajaron mucho.",
      "Publicar una expectativa de nivel de servicio basada en el percentil 85 y revisar los elementos que "
      "la superan",
      "Prometer el tiempo de flujo medio",
      "Las distribuciones de tiempo de flujo son asimétricas: aproximadamente la mitad de los elementos "
      "incumplirá una promesa basada en la media.",
      "¿Cuál sería la expectativa de nivel de servicio de tu equipo y quién necesita conocerla?"),
    C("edad-trabajo", "la edad del trabajo en curso", "Edad del trabajo: detectar a tiempo lo que se atasca",
      "El tiempo que lleva en curso un elemento sin terminar, comparado con lo que tardaron elementos "
      "parecidos ya terminados.",
      "El tiempo de flujo solo habla del trabajo terminado; la edad avisa de los elementos que se están "
      "atascando cuando aún hay tiempo para actuar.",
      "En la reunión diaria, {team} de {org} empieza ahora por los elementos más antiguos del tablero de "
      "{product}, en lugar de por lo que hizo cada persona.",
      "Revisar primero los elementos en curso más antiguos en cada reunión de equipo",
      "Mirar el tiempo de flujo solo cuando el trabajo ya está terminado",
      "Cuando un elemento lento termina, el retraso ya ha llegado al cliente.",
      "¿Qué elemento de tu tablero es el más antiguo ahora mismo y qué está esperando?"),
    C("monte-carlo-es", "la simulación de Monte Carlo", "Prever entregas con simulación de Monte Carlo",
      "Una forma de prever que toma muestras repetidas del rendimiento histórico para construir un abanico de "
      "fechas posibles de finalización, cada una con su probabilidad.",
      "Sustituye las estimaciones de fecha única por rangos que reflejan la variabilidad real, y no necesita "
      "reuniones de estimación.",
      "Cuando preguntaron a {team} de {org} cuándo estarían listos treinta elementos de {product}, ejecutaron "
      "diez mil simulaciones con doce semanas de datos: siete semanas con un cincuenta por ciento de "
      "confianza, nueve con un ochenta y cinco.",
      "Presentar las previsiones como fechas con niveles de confianza y actualizarlas a medida que se termina "
      "trabajo",
      "Simular con datos de un periodo que ya no se parece al presente",
      "Si cambiaron el equipo, el alcance o el proceso, los datos antiguos engañan; hay que actualizar la base "
      "antes de prever.",
      "¿Quién pide fechas de entrega en tu organización y cómo reaccionaría ante una previsión con niveles de "
      "confianza?"),
]

ES_VSM = [
    C("flujo-valor", "un flujo de valor", "Identificar tu flujo de valor",
      "La secuencia completa de actividades que realiza una organización para entregar un producto o servicio "
      "a un cliente, desde la petición hasta que el cliente recibe el valor.",
      "Elegir bien el alcance decide si las mejoras llegan a los clientes o solo trasladan el cuello de "
      "botella de un departamento a otro.",
      "{org} dibujó al principio su flujo de valor solo con los pasos de desarrollo. Al hacerlo empezar en la "
      "petición del cliente, aparecieron tres semanas de recepción y aprobación de las que nadie era "
      "responsable.",
      "Definir el desencadenante y el resultado para el cliente que delimitan el flujo de valor antes de mapear",
      "Mapear el proceso de un solo departamento y llamarlo flujo de valor",
      "Los mayores retrasos suelen estar entre departamentos, y un mapa departamental los deja fuera.",
      "¿Dónde empieza realmente tu flujo de valor: cuando se pide el trabajo, cuando se aprueba o cuando se "
      "empieza?"),
    C("mapa-actual", "el mapa del estado actual", "Dibujar el mapa del estado actual",
      "Una representación de cómo fluye hoy el trabajo de verdad, con cada paso, sus traspasos y las esperas "
      "entre ellos, basada en la observación y no en el procedimiento oficial.",
      "Para mejorar hace falta un punto de partida compartido y honesto, y el proceso oficial y el real casi "
      "nunca coinciden.",
      "{team} de {org} siguió un cambio real de {product} por todos los pasos junto a las personas que "
      "hicieron el trabajo, y descubrió dos aprobaciones que el proceso documentado no mencionaba.",
      "Mapear con las personas que hacen el trabajo, siguiendo elementos reales por cada paso",
      "Mapear el proceso tal como está documentado",
      "Los procesos documentados esconden atajos, bucles de retrabajo y colas informales, que es justo lo que "
      "necesitas ver.",
      "¿Quién tendría que estar en la sala para mapear tu flujo de valor con honestidad?"),
    C("metricas-proceso", "el tiempo de proceso, el plazo y el porcentaje completo y preciso",
      "Métricas de proceso: tiempo y calidad en cada paso",
      "Tres cifras para cada paso: cuánto dura el trabajo efectivo, cuánto tarda el paso incluidas las esperas "
      "y con qué frecuencia el paso siguiente recibe el resultado sin necesidad de retrabajo.",
      "Juntas muestran dónde se pierde tiempo esperando y dónde los problemas de calidad generan retrabajo "
      "más adelante.",
      "La revisión de seguridad de {org} tenía un tiempo de proceso de dos horas, un plazo de nueve días y un "
      "porcentaje completo y preciso del sesenta por ciento, así que la mayoría de los cambios de {product} "
      "daban dos vueltas.",
      "Preguntar al paso siguiente, y no al propio paso, por el porcentaje completo y preciso",
      "Registrar solo los tiempos de proceso porque son fáciles de obtener",
      "El tiempo de proceso suele ser una fracción pequeña del plazo; sin esperas ni retrabajo, el mapa parece "
      "sano cuando no lo está.",
      "¿Qué paso de tu flujo crees que tiene el porcentaje completo y preciso más bajo?"),
    C("esperas-traspasos", "los traspasos y las colas", "Traspasos, colas y dónde espera el trabajo",
      "Los puntos donde el trabajo pasa de una persona, equipo o herramienta a otra, y las colas que se forman "
      "delante de cada paso.",
      "Cada traspaso añade espera, pierde contexto y crea un lugar donde el trabajo se detiene; en el trabajo "
      "del conocimiento, la mayor parte del tiempo de flujo transcurre en colas.",
      "Un cambio en {product} de {org} pasaba por siete equipos. Cada traspaso suponía de media tres días de "
      "espera, así que los traspasos explicaban por sí solos tres semanas del tiempo de flujo.",
      "Contar los traspasos en el mapa y preguntar cuáles se pueden eliminar o unir",
      "Añadir un rol de coordinación para gestionar los traspasos entre equipos",
      "Un coordinador añade otro traspaso; suele ser mejor eliminar la necesidad del traspaso.",
      "¿Por cuántos traspasos pasa un elemento típico de tu flujo y cuál duele más?"),
    C("mapa-futuro", "el mapa del estado futuro", "Diseñar el mapa del estado futuro",
      "Una representación de cómo debería funcionar el flujo de valor dentro de seis a doce meses, con cambios "
      "concretos que eliminan los mayores retrasos del estado actual.",
      "Convierte las observaciones en una dirección acordada por todo el grupo, en lugar de una lista de "
      "arreglos locales.",
      "El mapa del estado futuro de {product} en {org} eliminaba una aprobación, unía dos fases de pruebas e "
      "introducía una publicación semanal, con el objetivo de bajar el tiempo de flujo de cuarenta a quince "
      "días.",
      "Limitar el estado futuro a pocos cambios que ataquen los mayores retrasos",
      "Diseñar un estado final ideal sin un camino para llegar a él",
      "Un mapa perfecto sobre el que nadie puede actuar en el próximo trimestre pierde credibilidad enseguida.",
      "Si solo pudieras cambiar dos cosas de tu flujo de valor este año, ¿cuáles serían?"),
    C("plan-mejora", "un plan de mejora del flujo de valor", "Del mapa al plan de mejora",
      "Una lista corta de experimentos, cada uno con una persona responsable, una medida y una fecha de "
      "revisión, que acerca el flujo al estado futuro.",
      "Los mapas no cambian nada por sí solos; un plan con responsables y medidas es lo que convierte la "
      "comprensión en resultados.",
      "{team} de {org} eligió tres experimentos, cada uno ligado a una métrica de flujo, y los revisaba cada "
      "mes con la persona que patrocinaba {product}.",
      "Tratar cada cambio como un experimento con una medida y una fecha de revisión",
      "Entregar el plan a una oficina de programas aparte para que lo ejecute",
      "Las personas que construyeron el mapa pierden la propiedad y los cambios llegan como una iniciativa más.",
      "¿Quién patrocinaría las mejoras de tu flujo de valor y cada cuánto revisaríais el avance?"),
]

ES_DEVOPS = [
    C("cuatro-metricas", "las cuatro métricas clave de entrega", "Las cuatro métricas clave de entrega",
      "La frecuencia de despliegue, el plazo de los cambios, la tasa de fallos en los cambios y el tiempo de "
      "recuperación del servicio, usadas juntas para describir el rendimiento de la entrega de software.",
      "La investigación con miles de equipos muestra que velocidad y estabilidad van de la mano; medir ambas "
      "evita sacrificar una por la otra.",
      "{team} de {org} desplegaba {product} una vez al mes y uno de cada tres cambios fallaba. Con despliegues "
      "más pequeños y frecuentes, ambas cifras mejoraron en dos trimestres.",
      "Seguir juntas las medidas de velocidad y de estabilidad, a nivel de equipo",
      "Usar las métricas para comparar y clasificar equipos",
      "Cada equipo trabaja con sistemas y limitaciones distintas; las clasificaciones invitan a manipular los "
      "datos y ocultan el aprendizaje.",
      "¿Cuál de las cuatro medidas sorprendería más a las personas interesadas si la publicaras?"),
    C("canal-despliegue", "el pipeline de despliegue", "Diseñar el pipeline de despliegue",
      "El camino automatizado que sigue cada cambio desde el commit hasta producción, con fases de "
      "construcción, pruebas y publicación que dan información rápida.",
      "Un pipeline fiable convierte la publicación en rutina, de modo que los equipos publican cambios "
      "pequeños a menudo en lugar de acumular cambios grandes y arriesgados.",
      "{team} de {org} redujo el pipeline de {product} de cuatro horas a veinticinco minutos ejecutando "
      "pruebas en paralelo y eliminando un paso manual de empaquetado.",
      "Mantener el pipeline rápido y tratar un pipeline roto como la máxima prioridad del equipo",
      "Dejar que se acumulen pasos manuales entre las fases automatizadas",
      "Cada paso manual vuelve a introducir las colas y los traspasos que el pipeline debía eliminar.",
      "¿Cuánto tarda un cambio de una línea en llegar a producción en tu contexto, y dónde espera?"),
    C("desarrollo-tronco", "el desarrollo basado en el tronco", "Desarrollo basado en el tronco y lotes pequeños",
      "Una práctica en la que quienes desarrollan integran cambios pequeños en una rama principal compartida "
      "al menos una vez al día, en lugar de trabajar en ramas de larga duración.",
      "Integrar a menudo saca a la luz los conflictos cuando aún son pequeños y mantiene la rama principal "
      "siempre lista para publicar.",
      "Las ramas de funcionalidad de {product} en {org} vivían tres semanas de media y las fusiones llevaban "
      "días. Integrar a diario con interruptores de funcionalidad eliminó por completo las semanas de fusión.",
      "Integrar cambios pequeños en la rama principal al menos una vez al día",
      "Mantener cada funcionalidad en una rama separada hasta que esté terminada",
      "Las ramas largas aplazan el dolor de la integración y convierten cada publicación en un lote grande y "
      "arriesgado.",
      "¿Cuánto viven las ramas en tu equipo y qué os impide fusionar antes?"),
    C("interruptores", "los interruptores de funcionalidad",
      "Separar despliegue y lanzamiento con interruptores de funcionalidad",
      "Conmutadores en el código que permiten desplegar desactivados los cambios inacabados o arriesgados, y "
      "activarlos para ciertos usuarios cuando estén listos.",
      "Permiten desplegar de forma continua mientras el negocio decide cuándo ven los clientes un cambio, y "
      "convierten la marcha atrás en un cambio de configuración.",
      "{team} de {org} lanzó una nueva página de precios de {product} primero al cinco por ciento de los "
      "clientes, vigiló la tasa de errores y amplió el despliegue a lo largo de una semana.",
      "Eliminar los interruptores en cuanto una funcionalidad está publicada del todo",
      "Dejar que los interruptores antiguos se acumulen indefinidamente",
      "Los interruptores olvidados multiplican los caminos del código, complican las pruebas y han causado "
      "incidentes graves en producción.",
      "¿Qué cambio próximo de tu trabajo sería más seguro lanzar de forma gradual?"),
    C("revisiones-sin-culpa", "las revisiones de incidentes sin culpa",
      "Aprender de los incidentes sin buscar culpables",
      "Revisiones posteriores a un incidente que se centran en cómo el sistema y sus condiciones permitieron "
      "el fallo, y no en quién se equivocó.",
      "Las personas solo cuentan lo que pasó de verdad cuando se sienten seguras, y esa honestidad es lo que "
      "evita el siguiente incidente.",
      "La revisión de una caída de {product} en {org} descubrió que la ingeniera de guardia había seguido el "
      "procedimiento al pie de la letra; lo que estaba desactualizado era el procedimiento.",
      "Preguntar por qué tenía sentido actuar así en aquel momento",
      "Dar por terminada la revisión en cuanto se encuentra a una persona responsable",
      "La culpa detiene la investigación antes de encontrar las causas del sistema, y el mismo fallo vuelve.",
      "Piensa en un fallo reciente. ¿Qué condiciones lo hacían probable, con independencia de quién estuviera "
      "implicado?"),
]

ES_LEADERSHIP = [
    C("seguridad-psicologica", "la seguridad psicológica", "Seguridad psicológica en los equipos",
      "La creencia compartida en un equipo de que es seguro hablar, reconocer errores y hacer preguntas sin "
      "ser castigado ni humillado.",
      "Los equipos solo aprenden y mejoran cuando los problemas salen pronto a la luz; el miedo los vuelve "
      "invisibles hasta que son caros.",
      "La directora de entrega de {org} empezó a abrir las reuniones contando sus propios errores de la "
      "semana, y en un mes {team} avisaba de los riesgos de {product} con días de antelación.",
      "Responder a las malas noticias con curiosidad y agradecimiento",
      "Castigar a quien trae el problema",
      "Las personas aprenden rápido a esconder los problemas, y la dirección se entera cuando ya es tarde.",
      "¿Cómo reacciona tu equipo cuando alguien reconoce un error?"),
    C("ir-a-ver", "ir a ver el trabajo", "Ir a ver el trabajo donde ocurre",
      "Que quienes dirigen pasen tiempo de forma regular donde se hace el trabajo, observando y preguntando en "
      "lugar de depender solo de informes.",
      "Los informes resumen precisamente los detalles que explican los problemas; observar de primera mano "
      "genera comprensión y confianza.",
      "La directora de {org} se unía cada martes a la revisión del tablero de {team} y solo preguntaba qué "
      "estaba bloqueando el trabajo en {product} y qué podía quitar de en medio.",
      "Preguntar qué está estorbando y dar seguimiento a lo que se escucha",
      "Usar las visitas para controlar a personas concretas",
      "Las visitas que parecen inspecciones hacen que la gente actúe en lugar de compartir problemas.",
      "¿Cuándo viste por última vez, de primera mano, cómo fluye el trabajo en un equipo del que eres "
      "responsable?"),
    C("conversaciones-coaching", "las conversaciones de coaching", "Conversaciones de coaching que mejoran el flujo",
      "Conversaciones en las que quien lidera ayuda a otras personas a pensar un problema mediante preguntas, "
      "en lugar de darles la respuesta.",
      "Las personas que encuentran sus propias soluciones se sienten dueñas de ellas, y la organización "
      "desarrolla capacidad de resolver problemas en lugar de dependencia.",
      "En lugar de pedir a {team} de {org} que incorporara más personas de pruebas, la responsable preguntó "
      "qué estaba esperando la cola de pruebas de {product}, y el equipo descubrió un problema de preparación "
      "de datos.",
      "Hacer preguntas abiertas sobre la situación actual y el próximo experimento",
      "Resolver personalmente cada problema porque es más rápido",
      "Es más rápido una vez, pero convierte a quien lidera en el cuello de botella e impide que los demás "
      "aprendan.",
      "¿Qué problema podrías acompañar esta semana con preguntas en lugar de resolverlo tú?"),
    C("relato-cambio", "el relato del cambio", "Contar la historia del cambio",
      "Una explicación clara y honesta de por qué la organización necesita cambiar, qué va a cambiar y qué se "
      "mantendrá igual.",
      "Las personas se resisten a los cambios que no entienden; un buen relato conecta el cambio con lo que "
      "les importa.",
      "La dirección de {org} explicó el paso a flujos de valor a través de la historia de una clienta que "
      "esperó cuarenta días un cambio en {product}, y no con un organigrama.",
      "Explicar el motivo del cambio en términos de clientes y compañeros",
      "Anunciar un nuevo modelo operativo con diapositivas sobre la estructura",
      "Los organigramas responden a «quién depende de quién», no a «por qué debería importarme».",
      "¿Cómo explicarías en dos frases a un compañero por qué merece la pena mejorar el flujo?"),
    C("decisiones-descentralizadas", "la toma de decisiones descentralizada",
      "Llevar las decisiones a donde está la información",
      "Permitir que las personas más cercanas al trabajo tomen decisiones dentro de límites claros, mientras "
      "la dirección conserva las decisiones estratégicas.",
      "Las decisiones tomadas cerca del trabajo son más rápidas y están mejor informadas; las escalaciones son "
      "una de las colas más largas de muchas organizaciones.",
      "{org} permitió que {team} aprobara por su cuenta las publicaciones de bajo riesgo de {product}, lo que "
      "eliminó una reunión semanal de aprobación.",
      "Identificar las decisiones frecuentes, urgentes y locales, y delegarlas",
      "Delegar decisiones sin compartir la información necesaria para tomarlas",
      "Quien recibe autoridad sin contexto decide peor, y la confianza se erosiona.",
      "¿Qué decisión se escala con más frecuencia en tu área y podría delegarse?"),
]

ES_PRODUCT = [
    C("resultados-entregables", "los resultados frente a los entregables", "Resultados, no entregables",
      "Describir el éxito como un cambio en el comportamiento de los clientes o del negocio, y no como la "
      "entrega de funcionalidades.",
      "Un equipo medido por las funcionalidades que publica puede estar muy ocupado sin ayudar a nadie; los "
      "resultados mantienen el foco en el valor.",
      "En lugar de «construir un asistente de alta», a {team} de {org} se le pidió «aumentar del cuarenta al "
      "sesenta por ciento la proporción de clientes nuevos que completan la configuración de {product} en su "
      "primera semana».",
      "Redactar los objetivos como cambios medibles en el comportamiento de los clientes",
      "Medir a un equipo de producto por el número de funcionalidades que publica",
      "Contar funcionalidades premia la producción, engorda el producto y no dice nada sobre si los clientes "
      "salen ganando.",
      "Reescribe un elemento de tu hoja de ruta como un resultado. ¿Qué comportamiento cambiaría?"),
    C("descubrimiento-continuo", "el descubrimiento continuo", "Hábitos de descubrimiento continuo",
      "Un ritmo semanal de conversaciones con clientes y pruebas de ideas, llevado por el mismo equipo que "
      "construye el producto.",
      "El contacto frecuente y ligero con los clientes detecta supuestos erróneos antes de empezar un trabajo "
      "de entrega caro.",
      "{team} de {org} entrevista cada semana a dos personas usuarias de {product}; el hábito sacó a la luz "
      "una confusión con la facturación que ninguna incidencia de soporte había descrito.",
      "Entrevistar a clientes cada semana como equipo, no solo a través de personas investigadoras",
      "Tratar el descubrimiento como una fase que termina antes de empezar a construir",
      "Los supuestos cambian a medida que evoluciona el producto; una fase única de descubrimiento se queda "
      "obsoleta enseguida.",
      "¿Cuándo habló tu equipo directamente con un cliente por última vez y qué aprendisteis?"),
    C("experimentos", "la validación de supuestos", "Validar supuestos con experimentos pequeños",
      "Identificar las creencias de las que depende una idea y probar primero las más arriesgadas de forma "
      "barata, antes de construir la solución completa.",
      "La mayoría de las ideas no funcionan como se esperaba; las pruebas baratas permiten descartar pronto "
      "las débiles e invertir en las prometedoras.",
      "Antes de construir una función de informes para {product}, {team} de {org} añadió un enlace de "
      "«próximamente» y comprobó que menos del dos por ciento de las personas usuarias hacía clic.",
      "Probar primero el supuesto más arriesgado con el experimento creíble más barato",
      "Hacer experimentos sin decidir antes qué resultado cambiaría el plan",
      "Sin una regla de decisión, cualquier resultado puede leerse como apoyo a la idea que ya gustaba.",
      "¿Cuál es el supuesto más arriesgado detrás de lo próximo que tu equipo piensa construir?"),
    C("coste-retraso", "el coste del retraso", "El coste del retraso: poner precio a la espera",
      "Una estimación de cuánto valor se pierde por cada semana que un trabajo no se entrega.",
      "Convierte las discusiones sobre prioridades en una conversación económica compartida y muestra por qué "
      "esperar casi nunca sale gratis.",
      "{team} de {org} estimó que un cambio normativo en {product} costaría cincuenta mil euros por semana una "
      "vez vencido el plazo, y eso lo situó por delante de tres funcionalidades más grandes.",
      "Dividir el coste del retraso entre la duración para decidir qué hacer primero",
      "Priorizar según quién defiende su propuesta con más fuerza",
      "La insistencia oculta la economía y deja esperando el trabajo más valioso.",
      "¿Qué elemento de tu lista de trabajo pierde mucho valor si llega tarde?"),
    C("hoja-ruta", "una hoja de ruta orientada a resultados", "Hojas de ruta como hipótesis",
      "Una hoja de ruta organizada en torno a problemas que resolver y resultados que alcanzar, en la que las "
      "soluciones son apuestas que pueden cambiar.",
      "Las hojas de ruta de fechas y funcionalidades convierten conjeturas en compromisos; las de resultados "
      "dejan espacio para aprender sin perder la dirección.",
      "{org} sustituyó una lista de funcionalidades a doce meses para {product} por tres resultados "
      "trimestrales y una vista de «ahora, después, más adelante» con los problemas que hay detrás.",
      "Mostrar niveles de confianza, con más certeza en lo cercano que en lo lejano",
      "Publicar un año de funcionalidades con fechas fijas",
      "Las listas fijas se convierten en promesas que bloquean el aprendizaje y que además se incumplen.",
      "¿Qué necesitarían las personas interesadas para confiar en una hoja de ruta sin fechas fijas?"),
]

ES_ETHICS = [
    C("consentimiento", "el consentimiento informado", "El consentimiento informado en la investigación aplicada",
      "La aceptación libre de participar en una investigación por parte de personas que entienden su "
      "propósito, sus riesgos y beneficios y su derecho a retirarse.",
      "Estudiar cómo trabajan los equipos implica estudiar a personas; el consentimiento respeta su autonomía "
      "y lo exige la mayoría de los marcos éticos.",
      "Antes de entrevistar al personal de ingeniería sobre los retrasos de {product}, {team} de {org} explicó "
      "cómo se usarían las citas y que cualquiera podía retirarse hasta la publicación.",
      "Explicar en lenguaje claro el propósito, el uso de los datos y el derecho a retirarse",
      "Considerar que la aprobación de la jefatura equivale al consentimiento del equipo",
      "El consentimiento es personal; alguien puede sentir que no puede negarse si su responsable ya ha dicho "
      "que sí.",
      "Cuando estudias tu propia organización, ¿cómo te aseguras de que las personas pueden decir que no de "
      "verdad?"),
    C("minimizacion-datos", "la minimización de datos", "Recoger solo los datos necesarios",
      "Recoger y conservar únicamente los datos personales necesarios para un propósito claramente definido.",
      "Cada campo de más es un riesgo para la privacidad y una responsabilidad; menos datos significan menos "
      "daño si algo sale mal.",
      "{team} de {org} eliminó los nombres y los comentarios libres de los datos de entrega que exportó para "
      "su estudio sobre {product}, y conservó solo fechas y tipos de trabajo.",
      "Definir la pregunta de investigación antes de decidir qué datos recoger",
      "Exportarlo todo por si acaso resulta útil",
      "Los datos innecesarios aumentan el riesgo y pueden vulnerar la normativa de protección de datos.",
      "¿Qué datos sobre tus compañeros conservas que ya no necesitas?"),
    C("confidencialidad", "la confidencialidad y la anonimización", "Confidencialidad y anonimización",
      "Proteger la identidad de las personas participantes, sabiendo que en equipos pequeños hasta un puesto o "
      "una fecha pueden identificar a alguien.",
      "Ser identificable en un estudio sobre rendimiento puede perjudicar una carrera; proteger la identidad "
      "es proteger a las personas.",
      "Un estudio de caso sobre {product} en {org} hablaba de «una ingeniera sénior» y no de «la única "
      "especialista en bases de datos del equipo», que la habría identificado.",
      "Comprobar si una combinación de detalles podría identificar a alguien",
      "Dar por hecho que basta con quitar los nombres",
      "En grupos pequeños, los puestos, los lugares y las fechas identifican a las personas con la misma "
      "facilidad.",
      "En tu último informe o presentación, ¿se podría haber identificado a alguien por los detalles?"),
    C("autoria", "la autoría y el reconocimiento", "Autoría y reconocimiento",
      "El reconocimiento justo de todas las personas que contribuyeron de forma sustancial a un trabajo que se "
      "publica o se presenta.",
      "El reconocimiento determina carreras; atribuirlo mal es una forma de mala conducta y daña la confianza "
      "en la comunidad.",
      "Cuando {team} de {org} presentó en un congreso los resultados de {product}, había acordado la autoría "
      "desde el principio, y dio las gracias a las analistas que depuraron los datos.",
      "Acordar pronto la autoría y los agradecimientos, y revisarlos si cambian las contribuciones",
      "Incluir como autores a cargos directivos por su posición",
      "La autoría honorífica falsea quién hizo el trabajo y quién responde de él.",
      "¿Cómo se deciden la autoría y el reconocimiento en tu equipo u organización?"),
    C("conflictos-interes", "los conflictos de interés", "Reconocer y declarar conflictos de interés",
      "Situaciones en las que intereses personales, económicos o profesionales podrían influir, o parecer que "
      "influyen, en el juicio profesional.",
      "Un conflicto no declarado socava la confianza en los resultados aunque el trabajo sea sólido; "
      "declararlo permite que otros juzguen.",
      "Una consultora que evaluaba una herramienta usada en {product} de {org} declaró que su empresa "
      "revendía productos de ese proveedor, y se añadió una segunda revisora.",
      "Declarar pronto los posibles conflictos y dejar que otras personas decidan cómo gestionarlos",
      "Decidir en privado que un conflicto no importa",
      "Somos malos jueces de nuestros propios sesgos, y la apariencia de conflicto también cuenta.",
      "¿Qué intereses podrían verse como una influencia en tus recomendaciones profesionales?"),
    C("registros-reproducibilidad", "los registros y la reproducibilidad",
      "Llevar registros que otros puedan comprobar",
      "Conservar datos, código y decisiones de forma que otras personas puedan entender, comprobar y "
      "reproducir los resultados.",
      "El trabajo reproducible inspira confianza y permite construir sobre él; un análisis sin documentar no "
      "puede comprobarse, ni siquiera por quien lo hizo un año después.",
      "{team} de {org} guardó los scripts y las copias de los datos de su informe sobre {product}, así que "
      "cuando se cuestionó un resultado pudieron repetirlo en una hora.",
      "Versionar juntos los extractos de datos y el código de análisis",
      "Corregir cifras a mano en una hoja de cálculo antes de informar",
      "Las ediciones manuales no dejan rastro y hacen imposible encontrar los errores.",
      "¿Podría otra persona reproducir tu último análisis con lo que guardaste?"),
    C("uso-responsable-metricas", "el uso responsable de las métricas", "Usar las métricas con responsabilidad",
      "Usar indicadores cuantitativos para apoyar, y no sustituir, el juicio experto, cuidando cómo afectan a "
      "las personas medidas.",
      "Las métricas cambian la conducta; usadas sin cuidado premian la manipulación y perjudican a las "
      "personas a las que debían ayudar.",
      "{org} decidió no usar nunca las métricas de flujo en las evaluaciones individuales de {team}, y lo dijo "
      "públicamente al introducirlas en {product}.",
      "Decir abiertamente para qué se usarán las métricas y para qué no",
      "Usar las métricas de flujo del equipo en evaluaciones de desempeño individuales",
      "Las personas pasan a optimizar el número en lugar del trabajo, y la confianza en los datos se derrumba.",
      "¿Qué cambiaría en tu equipo si vuestras métricas de entrega se usaran para juzgar a cada persona?"),
    C("comunicar-sospechas", "la comunicación de sospechas de mala conducta",
      "Comunicar y gestionar sospechas de mala conducta",
      "Los cauces, las protecciones y las responsabilidades que entran en juego cuando alguien sospecha "
      "invención o falsificación de datos, plagio u otra mala conducta.",
      "La mala conducta rara vez se descubre sin que alguien hable; unos cauces claros y seguros protegen "
      "tanto a quien informa como a la persona señalada.",
      "Una analista de {org} vio que las cifras de {product} en un estudio de caso publicado no coincidían "
      "con los datos de origen, y lo comunicó por el cauce confidencial de integridad.",
      "Conocer el cauce confidencial antes de necesitarlo",
      "Comentar de manera informal las sospechas sobre un compañero con nombre y apellidos",
      "Los rumores perjudican a personas que pueden ser inocentes y pueden comprometer una investigación justa.",
      "¿Sabes a quién acudirías si sospecharas de mala conducta en una investigación?"),
    C("ia-investigacion", "el uso responsable de la IA en la investigación",
      "Usar herramientas de IA con responsabilidad",
      "Usar la IA generativa y el análisis automatizado de forma transparente, verificada, respetuosa con la "
      "confidencialidad y clara respecto a la autoría.",
      "Las herramientas de IA pueden inventar referencias, filtrar datos confidenciales y difuminar quién es "
      "responsable del trabajo.",
      "{team} de {org} declaró que una herramienta de IA había resumido las transcripciones de las entrevistas "
      "sobre {product}, y comprobó cada resumen con el original.",
      "Declarar el uso de IA y contrastar sus resultados con las fuentes",
      "Pegar datos confidenciales de entrevistas en un servicio público de IA",
      "Puede vulnerar el consentimiento de las personas participantes y la normativa de protección de datos.",
      "¿En qué partes de tu trabajo se esperaría que declararas el uso de IA?"),
]

FR_FLOW = [
    C("temps-flux", "le temps de flux", "Le temps de flux : de l'engagement à la livraison",
      "Le temps écoulé entre le moment où un élément de travail est accepté dans la chaîne de valeur et sa "
      "livraison au client, attentes comprises.",
      "Les clients perçoivent le temps écoulé, pas l'effort fourni. Le temps de flux indique combien de temps "
      "ils attendent ce qu'ils ont demandé.",
      "Chez {org}, une petite modification de {product} a demandé deux jours de travail effectif mais trente "
      "et un jours de temps de flux, passés pour l'essentiel à attendre un environnement de test et un comité "
      "des changements.",
      "Présenter le temps de flux sous forme de distribution avec des centiles plutôt qu'une seule moyenne",
      "Fixer des objectifs de temps de flux pour chaque personne",
      "Le temps de flux est une propriété du système ; les objectifs individuels poussent à choisir les tâches "
      "faciles et à cacher les difficiles.",
      "Choisissez un élément livré récemment par votre équipe. Où a-t-il passé l'essentiel de son temps de "
      "flux ?"),
    C("charge-flux", "la charge de flux", "La charge de flux et le travail en cours",
      "Le nombre d'éléments de travail commencés mais pas encore terminés dans une chaîne de valeur à un moment "
      "donné.",
      "Quand il y a trop de travail en cours, tout prend plus de temps : les changements de contexte se "
      "multiplient et des files d'attente se forment devant chaque spécialiste.",
      "{team} chez {org} avait quarante-trois éléments en cours pour neuf personnes. En divisant ce nombre par "
      "deux, le temps de flux médian des modifications de {product} est passé de vingt-quatre à onze jours en "
      "deux mois.",
      "Convenir de limites explicites au travail en cours et finir avant de commencer",
      "Commencer un nouveau travail dès que quelqu'un est disponible un instant",
      "Une personne disponible coûte moins cher qu'un travail à l'arrêt ; commencer davantage augmente la "
      "charge et ralentit tout le reste.",
      "Combien d'éléments votre équipe a-t-elle en cours en ce moment, et combien en choisiriez-vous si vous "
      "repartiez de zéro ?"),
    C("efficacite-flux", "l'efficacité de flux", "L'efficacité de flux : temps actif et temps d'attente",
      "La part du temps de flux total pendant laquelle quelqu'un travaille activement sur un élément, par "
      "opposition au temps passé à attendre.",
      "La plupart des chaînes de valeur ont une efficacité de flux bien inférieure à vingt pour cent : les plus "
      "grands gains viennent de la suppression des attentes, pas d'un travail plus rapide.",
      "Lorsque {team} chez {org} a suivi dix éléments de bout en bout, le temps actif représentait six jours "
      "sur cinquante-deux, soit une efficacité de flux d'environ douze pour cent.",
      "Chercher d'abord les états d'attente les plus longs avant d'optimiser une activité",
      "Demander aux personnes de travailler plus vite pour améliorer la livraison",
      "Accélérer les activités ne change presque rien au temps de flux quand l'essentiel est de l'attente, et "
      "cela épuise les équipes.",
      "Quelle attente de votre chaîne de valeur supprimeriez-vous en premier si vous le pouviez ?"),
    C("niveaux-service", "les attentes de niveau de service", "Des niveaux de service fondés sur les centiles",
      "Des engagements du type « quatre-vingt-cinq pour cent des éléments sont terminés en dix-huit jours ou "
      "moins », tirés de la dispersion historique des temps de flux.",
      "Ils donnent aux clients une réponse honnête et probabiliste à la question « quand sera-ce prêt ? » et "
      "rendent visibles les cas extrêmes au lieu de les noyer dans une moyenne.",
      "{team} chez {org} a remplacé « environ deux semaines » par « quatre-vingt-cinq pour cent des "
      "modifications de {product} sont livrées en seize jours ou moins », et les réclamations pour retard ont "
      "fortement diminué.",
      "Publier une attente de niveau de service au 85e centile et examiner les éléments qui la dépassent",
      "Promettre le temps de flux moyen",
      "Les distributions de temps de flux sont asymétriques : environ la moitié des éléments manquera une "
      "promesse fondée sur la moyenne.",
      "Quelle serait l'attente de niveau de service de votre équipe, et qui doit la connaître ?"),
]

FR_ETHICS = [
    C("consentement-eclaire", "le consentement éclairé", "Le consentement éclairé dans la recherche appliquée",
      "L'accord libre de participer à une recherche, donné par des personnes qui en comprennent le but, les "
      "risques et les bénéfices ainsi que leur droit de se retirer.",
      "Étudier le fonctionnement des équipes, c'est étudier des personnes ; le consentement respecte leur "
      "autonomie et la plupart des cadres éthiques l'exigent.",
      "Avant d'interroger des ingénieurs sur les retards de {product}, {team} chez {org} a expliqué comment "
      "les citations seraient utilisées et que chacun pouvait se retirer jusqu'à la publication.",
      "Expliquer en termes simples le but, l'usage des données et le droit de se retirer",
      "Considérer l'accord de la hiérarchie comme le consentement de l'équipe",
      "Le consentement est personnel ; une personne peut se sentir incapable de refuser lorsque son "
      "responsable a déjà accepté.",
      "Lorsque vous étudiez votre propre organisation, comment vous assurez-vous que chacun peut réellement "
      "refuser ?"),
    C("minimisation-donnees", "la minimisation des données", "Ne collecter que les données nécessaires",
      "Collecter et conserver uniquement les données personnelles nécessaires à une finalité clairement "
      "définie.",
      "Chaque champ supplémentaire est un risque pour la vie privée et une responsabilité ; moins de données, "
      "c'est moins de dommages en cas de problème.",
      "{team} chez {org} a retiré les noms et les commentaires libres des données exportées pour son étude sur "
      "{product}, en ne gardant que les dates et les types de travail.",
      "Définir la question de recherche avant de décider quelles données collecter",
      "Tout exporter au cas où cela servirait",
      "Les données inutiles augmentent les risques et peuvent enfreindre le RGPD.",
      "Quelles données sur vos collègues conservez-vous alors que vous n'en avez plus besoin ?"),
    C("paternite-travaux", "la paternité des travaux", "Paternité des travaux et reconnaissance",
      "La reconnaissance équitable de toutes les personnes qui ont contribué de manière substantielle à un "
      "travail publié ou présenté.",
      "La reconnaissance façonne les carrières ; une mauvaise attribution est un manquement à l'intégrité et "
      "abîme la confiance au sein d'une communauté.",
      "Lorsque {team} chez {org} a présenté ses résultats sur {product} lors d'une conférence, les auteurs "
      "avaient été convenus dès le départ, et les analystes qui avaient nettoyé les données ont été remerciés.",
      "Convenir tôt des auteurs et des remerciements, et les revoir si les contributions évoluent",
      "Ajouter des responsables comme auteurs en raison de leur position",
      "La paternité honorifique déforme qui a fait le travail et qui en répond.",
      "Comment la paternité et la reconnaissance sont-elles décidées dans votre équipe ?"),
    C("usage-indicateurs", "l'usage responsable des indicateurs", "Utiliser les indicateurs de façon responsable",
      "L'utilisation d'indicateurs quantitatifs pour éclairer, et non remplacer, le jugement des experts, en "
      "tenant compte de leurs effets sur les personnes mesurées.",
      "Les indicateurs modifient les comportements ; mal utilisés, ils récompensent la manipulation et "
      "nuisent aux personnes qu'ils devaient aider.",
      "{org} a décidé de ne jamais utiliser les indicateurs de flux dans les évaluations individuelles de "
      "{team}, et l'a annoncé publiquement en les introduisant pour {product}.",
      "Dire ouvertement à quoi serviront les indicateurs et à quoi ils ne serviront pas",
      "Utiliser les indicateurs de flux de l'équipe dans les entretiens d'évaluation individuels",
      "Les personnes optimisent alors le chiffre plutôt que le travail, et la confiance dans les données "
      "s'effondre.",
      "Qu'est-ce qui changerait dans votre équipe si vos indicateurs de livraison servaient à juger chaque "
      "personne ?"),
]

PT_VSM = [
    C("fluxo-valor-pt", "o fluxo de valor", "Identificar o seu fluxo de valor",
      "A sequência completa de atividades que uma organização realiza para entregar um produto ou serviço a "
      "um cliente, do pedido até o valor recebido.",
      "Escolher bem o escopo decide se as melhorias chegam aos clientes ou apenas mudam o gargalo de um "
      "departamento para outro.",
      "{org} desenhou primeiro o seu fluxo de valor apenas com as etapas de desenvolvimento. Ao começar pelo "
      "pedido do cliente, surgiram três semanas de triagem e aprovação pelas quais ninguém respondia.",
      "Definir o gatilho e o resultado para o cliente que delimitam o fluxo de valor antes de mapear",
      "Mapear o processo de um único departamento e chamá-lo de fluxo de valor",
      "Os maiores atrasos costumam estar entre departamentos, e um mapa departamental os deixa de fora.",
      "Onde começa de verdade o seu fluxo de valor: quando o trabalho é pedido, aprovado ou iniciado?"),
    C("mapa-estado-atual", "o mapa do estado atual", "Desenhar o mapa do estado atual",
      "Uma representação de como o trabalho realmente flui hoje, com cada etapa, as transferências e as "
      "esperas entre elas, baseada na observação e não no procedimento oficial.",
      "Melhorar exige um ponto de partida compartilhado e honesto, e o processo oficial e o real raramente "
      "coincidem.",
      "{team} de {org} acompanhou uma mudança real em {product} por todas as etapas, junto com as pessoas que "
      "fizeram o trabalho, e encontrou duas aprovações que o processo documentado não mencionava.",
      "Mapear com as pessoas que fazem o trabalho, seguindo itens reais por cada etapa",
      "Mapear o processo tal como está documentado",
      "Processos documentados escondem atalhos, retrabalho e filas informais, que são exatamente o que você "
      "precisa ver.",
      "Quem precisaria estar na sala para mapear o seu fluxo de valor com honestidade?"),
    C("esperas-transferencias", "as transferências e as filas", "Transferências, filas e onde o trabalho espera",
      "Os pontos em que o trabalho passa de uma pessoa, equipe ou ferramenta para outra, e as filas que se "
      "formam antes de cada etapa.",
      "Cada transferência acrescenta espera, perde contexto e cria um lugar onde o trabalho para; no trabalho "
      "do conhecimento, a maior parte do tempo de fluxo é passada em filas.",
      "Uma mudança em {product} de {org} passava por sete equipes. Cada transferência somava em média três "
      "dias de espera, de modo que as transferências explicavam sozinhas três semanas do tempo de fluxo.",
      "Contar as transferências no mapa e perguntar quais podem ser eliminadas ou combinadas",
      "Criar um papel de coordenação para gerir as transferências entre equipes",
      "Um coordenador acrescenta mais uma transferência; em geral é melhor eliminar a necessidade dela.",
      "Por quantas transferências passa um item típico do seu fluxo, e qual delas dói mais?"),
    C("mapa-estado-futuro", "o mapa do estado futuro", "Projetar o mapa do estado futuro",
      "Uma representação de como o fluxo de valor deveria funcionar daqui a seis a doze meses, com mudanças "
      "concretas que eliminam os maiores atrasos do estado atual.",
      "Transforma observações numa direção acordada por todo o grupo, em vez de uma lista de ajustes locais.",
      "O mapa do estado futuro de {product} em {org} eliminava uma aprovação, juntava duas etapas de testes e "
      "introduzia uma publicação semanal, com a meta de reduzir o tempo de fluxo de quarenta para quinze dias.",
      "Limitar o estado futuro a poucas mudanças que ataquem os maiores atrasos",
      "Desenhar um estado final ideal sem um caminho para chegar lá",
      "Um mapa perfeito sobre o qual ninguém consegue agir no próximo trimestre perde credibilidade "
      "rapidamente.",
      "Se você pudesse mudar só duas coisas no seu fluxo de valor este ano, quais seriam?"),
]

PT_DEVOPS = [
    C("quatro-metricas-pt", "as quatro métricas-chave de entrega", "As quatro métricas-chave de entrega",
      "Frequência de implantação, tempo de espera para mudanças, taxa de falha de mudanças e tempo de "
      "restauração do serviço, usadas em conjunto para descrever o desempenho da entrega de software.",
      "Pesquisas com milhares de equipes mostram que velocidade e estabilidade andam juntas; medir as duas "
      "evita sacrificar uma pela outra.",
      "{team} de {org} implantava {product} uma vez por mês, e uma em cada três mudanças falhava. Com "
      "implantações menores e mais frequentes, os dois números melhoraram em dois trimestres.",
      "Acompanhar as medidas de velocidade e de estabilidade lado a lado, no nível da equipe",
      "Usar as métricas para comparar e ranquear equipes",
      "Cada equipe trabalha com sistemas e restrições diferentes; rankings estimulam a manipulação dos "
      "números e escondem o aprendizado.",
      "Qual das quatro medidas mais surpreenderia as partes interessadas se você a publicasse?"),
    C("pipeline-implantacao", "o pipeline de implantação", "Projetar o pipeline de implantação",
      "O caminho automatizado que cada mudança percorre do commit até a produção, com etapas de build, testes "
      "e liberação que dão retorno rápido.",
      "Um pipeline confiável torna a liberação rotineira, para que as equipes publiquem mudanças pequenas com "
      "frequência em vez de acumular mudanças grandes e arriscadas.",
      "{team} de {org} reduziu o pipeline de {product} de quatro horas para vinte e cinco minutos, executando "
      "testes em paralelo e removendo uma etapa manual de empacotamento.",
      "Manter o pipeline rápido e tratar um pipeline quebrado como prioridade máxima da equipe",
      "Deixar etapas manuais se acumularem entre as etapas automatizadas",
      "Cada etapa manual reintroduz as filas e as transferências que o pipeline deveria eliminar.",
      "Quanto tempo leva uma mudança de uma linha para chegar à produção no seu contexto, e onde ela espera?"),
    C("desenvolvimento-tronco", "o desenvolvimento baseado em tronco",
      "Desenvolvimento baseado em tronco e lotes pequenos",
      "Uma prática em que as pessoas desenvolvedoras integram mudanças pequenas numa branch principal "
      "compartilhada pelo menos uma vez por dia, em vez de trabalhar em branches de longa duração.",
      "Integrar com frequência revela os conflitos enquanto ainda são pequenos e mantém a branch principal "
      "sempre pronta para liberar.",
      "As branches de funcionalidades de {product} em {org} duravam em média três semanas, e os merges "
      "levavam dias. Integrar diariamente com feature flags acabou com as semanas de merge.",
      "Integrar mudanças pequenas na branch principal pelo menos uma vez por dia",
      "Manter cada funcionalidade numa branch separada até ficar pronta",
      "Branches longas adiam a dor da integração e transformam cada liberação num lote grande e arriscado.",
      "Quanto tempo duram as branches na sua equipe, e o que impede vocês de fazer merge mais cedo?"),
    C("revisoes-sem-culpa", "as revisões de incidentes sem culpa", "Aprender com incidentes sem procurar culpados",
      "Revisões após um incidente que se concentram em como o sistema e suas condições permitiram a falha, e "
      "não em quem errou.",
      "As pessoas só contam o que realmente aconteceu quando se sentem seguras, e essa honestidade é o que "
      "evita o próximo incidente.",
      "A revisão de uma queda de {product} em {org} mostrou que o engenheiro de plantão havia seguido o "
      "procedimento à risca; o que estava desatualizado era o procedimento.",
      "Perguntar por que fazia sentido agir daquela forma naquele momento",
      "Encerrar a revisão assim que se encontra uma pessoa responsável",
      "A culpa interrompe a investigação antes que as causas sistêmicas sejam encontradas, e a mesma falha "
      "volta.",
      "Pense numa falha recente. Que condições a tornavam provável, independentemente de quem estava "
      "envolvido?"),
]

# language -> topic slug -> concepts; keys are unique within a language.
KITS: dict[str, dict[str, list[Concept]]] = {
    "en": {
        "flow-metrics": EN_FLOW,
        "value-stream-mapping": EN_VSM,
        "devops-delivery": EN_DEVOPS,
        "product-management": EN_PRODUCT,
        "lean-portfolio": EN_PORTFOLIO,
        "team-topologies": EN_TEAMS,
        "leadership": EN_LEADERSHIP,
        "data-ai": EN_DATA_AI,
        "governance": EN_GOVERNANCE,
        "research-ethics": EN_ETHICS,
    },
    "es": {
        "flow-metrics": ES_FLOW,
        "value-stream-mapping": ES_VSM,
        "devops-delivery": ES_DEVOPS,
        "leadership": ES_LEADERSHIP,
        "product-management": ES_PRODUCT,
        "research-ethics": ES_ETHICS,
    },
    "fr": {"flow-metrics": FR_FLOW, "research-ethics": FR_ETHICS},
    "pt": {"value-stream-mapping": PT_VSM, "devops-delivery": PT_DEVOPS},
}

# ------------------------------------------------------------------------------------------ offerings


@dataclass(frozen=True)
class OfferingSpec:
    """One catalog entry. `modules` pairs a module title with the concept keys its lessons teach, in order;
    `opens` is (members, public) enrolment opening as days from the day the demo is loaded."""

    key: str
    title: str
    summary: str
    topics: tuple[str, ...]
    level: str
    modules: tuple[tuple[str, str], ...]
    language: str = "en"
    kind: str = "course"
    access: str = "public"
    opens: tuple[int | None, int | None] = (None, None)
    year: int = 2026
    edition: str = ""
    cpd_hours: str = "3"
    credit: str = "general"
    stages: tuple[str, ...] = ()
    partner: str = ""
    prerequisites: tuple[str, ...] = ()
    instructors: tuple[str, ...] = ()
    rcr_minutes: int = 0
    attestation: str = ""
    scenario: int | None = None  # which case study to follow; default: rotate through them


Offer = OfferingSpec

OFFERINGS: list[OfferingSpec] = [
    # ---- flow metrics
    Offer("flow-metrics-fundamentals", "Flow Metrics Fundamentals",
      "Learn the five flow metrics, what each tells you about your value stream and how to start measuring "
      "them with the data you already have.",
      ("flow-metrics",), "introductory",
      (("Why measure flow", "flow-velocity flow-time flow-load"),
       ("Where the time goes", "flow-efficiency flow-distribution"),
       ("Starting to measure", "aging-wip cfd percentiles")),
      year=2025, cpd_hours="4", credit="technical", stages=("early_career", "mid_career"),
      instructors=("instructor", "amara")),
    Offer("advanced-flow-analytics", "Advanced Flow Analytics and Forecasting",
      "Go beyond dashboards: use percentiles, Little's law and Monte Carlo simulation to make honest forecasts "
      "and spot stuck work early.",
      ("flow-metrics", "data-ai"), "advanced",
      (("Distributions, not averages", "percentiles littles-law"),
       ("Watching work in progress", "aging-wip cfd flow-load"),
       ("Forecasting with confidence", "monte-carlo ml-forecasting"),
       ("Making forecasts trustworthy", "data-quality explainability")),
      access="member_only", year=2026, edition="Spring cohort", cpd_hours="8", credit="technical",
      stages=("mid_career", "senior"), prerequisites=("flow-metrics-fundamentals",),
      instructors=("priya", "instructor")),
    Offer("flow-metrics-for-leaders", "Flow Metrics for Leaders",
      "What senior leaders need to know to read flow metrics, ask better questions and avoid turning measures "
      "into targets.",
      ("flow-metrics", "leadership"), "intermediate",
      (("Reading the numbers", "flow-velocity flow-distribution flow-time"),
       ("Leading with flow data", "generative-culture gemba responsible-metrics")),
      access="member_first", opens=(-21, 24), year=2026, cpd_hours="3", credit="leadership",
      stages=("senior", "executive"), instructors=("jonas",)),
    Offer("flow-metrics-clinic", "Flow Metrics Clinic: Working With Your Own Data",
      "A hands-on clinic: bring an export from your own tools and learn to clean it, chart it and present it "
      "to your stakeholders.",
      ("flow-metrics", "data-ai"), "intermediate",
      (("Getting the data right", "data-model data-quality"),
       ("Charting flow", "cfd aging-wip percentiles"),
       ("Telling the story", "flow-efficiency change-narrative")),
      access="member_enhanced", year=2027, edition="Spring cohort", cpd_hours="5", credit="technical",
      stages=("early_career", "mid_career"), instructors=("instructor", "amara")),
    # ---- value stream mapping
    Offer("value-stream-mapping-essentials", "Value Stream Mapping Essentials",
      "Map how work really flows from request to customer, find the biggest delays and agree where to improve "
      "first.",
      ("value-stream-mapping",), "introductory",
      (("Seeing the whole stream", "identify-stream current-state"),
       ("Measuring each step", "process-data handoffs"),
       ("Deciding what to change", "future-state improvement-plan")),
      year=2024, edition="2024 edition", cpd_hours="4", stages=("student", "early_career", "mid_career"),
      instructors=("instructor",)),
    Offer("facilitating-vsm-workshops", "Facilitating Value Stream Mapping Workshops",
      "Plan, run and follow up a mapping workshop that brings every part of the stream into the room and ends "
      "with commitments.",
      ("value-stream-mapping", "leadership"), "intermediate",
      (("Before the workshop", "workshop identify-stream"),
       ("In the room", "current-state process-data handoffs"),
       ("After the workshop", "future-state improvement-plan coaching-conversations")),
      access="member_enhanced", year=2025, cpd_hours="6", credit="leadership",
      stages=("mid_career", "senior"), instructors=("amara",)),
    Offer("scaling-vsm-portfolio", "Scaling Value Stream Mapping Across a Portfolio",
      "Connect dozens of value streams to portfolio decisions: shared data, funding and a regular rhythm of "
      "flow reviews.",
      ("value-stream-mapping", "lean-portfolio"), "advanced",
      (("From one stream to many", "identify-stream digital-vsm"),
       ("Portfolio decisions", "portfolio-kanban strategic-themes lean-budgets"),
       ("Sustaining the change", "sponsoring improvement-plan")),
      access="member_only", year=2026, edition="Autumn cohort", cpd_hours="8", credit="leadership",
      stages=("senior", "executive"), prerequisites=("value-stream-mapping-essentials",),
      instructors=("jonas", "instructor")),
    Offer("vsm-software-delivery", "Value Stream Mapping for Software Delivery",
      "Apply value stream mapping to software, from idea to running code, with the pipeline, reviews and "
      "approvals in view.",
      ("value-stream-mapping", "devops-delivery"), "intermediate",
      (("Mapping software delivery", "current-state handoffs"),
       ("The pipeline on the map", "deployment-pipeline process-data risk-based-change"),
       ("Connecting tools and data", "digital-vsm data-model")),
      year=2026, cpd_hours="4", credit="technical", stages=("early_career", "mid_career"),
      partner="open-delivery-foundation", instructors=("priya",)),
    Offer("vsm-public-services", "Value Stream Mapping for Public Services",
      "Map public services from the citizen's point of view, across agencies, rules and budgets.",
      ("value-stream-mapping", "governance"), "introductory",
      (("The citizen's journey", "public-sector identify-stream"),
       ("Mapping across agencies", "current-state handoffs controls-mapping")),
      year=2024, edition="2024 edition", cpd_hours="3", stages=("early_career", "mid_career", "senior"),
      instructors=("amara",), scenario=6),
    # ---- DevOps and delivery
    Offer("devops-delivery-metrics", "DevOps Delivery Metrics in Practice",
      "Measure deployment frequency, lead time, change failure rate and time to restore, and use them to "
      "improve rather than to judge.",
      ("devops-delivery",), "introductory",
      (("The four key metrics", "dora continuous-integration"),
       ("Improving speed and stability together", "trunk-based observability incident-learning")),
      year=2025, cpd_hours="3", credit="technical", stages=("student", "early_career"),
      instructors=("priya",)),
    Offer("cd-regulated-teams", "Continuous Delivery Pipelines for Regulated Teams",
      "Design pipelines that ship small changes every day while producing the evidence auditors and "
      "regulators expect.",
      ("devops-delivery", "governance"), "advanced",
      (("Pipelines as the control system", "deployment-pipeline compliance-as-code"),
       ("Evidence and approvals", "audit-evidence separation-of-duties risk-based-change"),
       ("Releasing safely", "feature-flags observability"),
       ("Working with the regulator", "controls-mapping incident-learning")),
      access="member_only", opens=(10, None), year=2027, edition="Pilot cohort", cpd_hours="10",
      credit="technical", stages=("mid_career", "senior"), instructors=("jonas",), scenario=3),
    Offer("release-trains-to-flow", "From Release Trains to Continuous Flow",
      "Move from quarterly releases to a steady flow of small changes without losing control or surprising "
      "the business.",
      ("devops-delivery", "flow-metrics"), "intermediate",
      (("Why big batches hurt", "flow-load littles-law"),
       ("Engineering for small batches", "trunk-based continuous-integration feature-flags"),
       ("Releasing without drama", "deployment-pipeline risk-based-change")),
      access="member_first", opens=(-60, -14), year=2025, cpd_hours="4", credit="technical",
      stages=("mid_career",), instructors=("instructor", "priya")),
    # ---- product management
    Offer("outcome-product-management", "Outcome-Oriented Product Management",
      "Shift product work from shipping features to changing customer behaviour, with goals, roadmaps and "
      "metrics that support it.",
      ("product-management",), "introductory",
      (("Outcomes, not outputs", "outcomes-outputs north-star"),
       ("Planning for learning", "roadmap experiments")),
      year=2024, cpd_hours="3", stages=("early_career", "mid_career"), instructors=("amara",)),
    Offer("product-discovery", "Product Discovery for Value Stream Teams",
      "Build weekly discovery habits: interview customers, test assumptions and feed what you learn straight "
      "into delivery.",
      ("product-management",), "intermediate",
      (("Talking to customers", "customer-interviews discovery"),
       ("Testing ideas cheaply", "experiments outcomes-outputs"),
       ("Connecting discovery and delivery", "roadmap flow-distribution")),
      access="member_enhanced", year=2026, edition="Spring cohort", cpd_hours="5",
      stages=("early_career", "mid_career"), partner="northbridge", instructors=("amara", "instructor")),
    Offer("cost-of-delay-prioritisation", "Cost of Delay and Prioritisation",
      "Put a price on waiting and use it to sequence work, from a team backlog to a portfolio of initiatives.",
      ("product-management", "lean-portfolio"), "intermediate",
      (("The economics of waiting", "cost-of-delay flow-time"),
       ("Sequencing the work", "wsjf capacity-allocation")),
      access="member_first", opens=(-7, 45), year=2026, cpd_hours="3", stages=("mid_career", "senior"),
      instructors=("jonas",)),
    # ---- lean portfolio management
    Offer("lpm-foundations", "Lean Portfolio Management Foundations",
      "Learn how lean portfolios fund value streams, limit work in progress and connect strategy to delivery.",
      ("lean-portfolio",), "introductory",
      (("Funding value streams", "lean-budgets strategic-themes"),
       ("Managing portfolio flow", "portfolio-kanban wsjf"),
       ("Testing big bets", "epic-hypothesis capacity-allocation")),
      year=2025, cpd_hours="4", credit="leadership", stages=("mid_career", "senior"), instructors=("jonas",)),
    Offer("portfolio-kanban-budgeting", "Portfolio Kanban and Lean Budgeting",
      "Design a portfolio kanban with real work-in-progress limits, and run lean budget reviews that follow "
      "the evidence.",
      ("lean-portfolio",), "intermediate",
      (("Making the portfolio visible", "portfolio-kanban flow-load"),
       ("Budgets that follow evidence", "lean-budgets epic-hypothesis"),
       ("Keeping the portfolio healthy", "capacity-allocation strategic-themes")),
      access="member_only", year=2026, cpd_hours="6", credit="leadership", stages=("senior", "executive"),
      instructors=("jonas", "instructor")),
    Offer("funding-value-streams", "Funding Value Streams, Not Projects",
      "Make the case for, and lead, the move from project funding to persistent value stream funding.",
      ("lean-portfolio", "leadership"), "advanced",
      (("Why projects slow value down", "lean-budgets handoffs"),
       ("Designing the funding model", "strategic-themes capacity-allocation epic-hypothesis"),
       ("Leading the transition", "change-narrative sponsoring decentralised-decisions")),
      access="member_enhanced", year=2027, edition="Executive cohort", cpd_hours="6", credit="leadership",
      stages=("senior", "executive"), partner="northbridge", instructors=("jonas",)),
    # ---- team topologies
    Offer("team-topologies-for-value-streams", "Team Topologies for Value Streams",
      "Use the four team types and three interaction modes to design teams that deliver with fewer handoffs.",
      ("team-topologies",), "introductory",
      (("Four team types", "stream-aligned platform-team enabling-team"),
       ("How teams interact", "interaction-modes team-api")),
      year=2025, cpd_hours="3", stages=("early_career", "mid_career"), instructors=("instructor",)),
    Offer("designing-platform-teams", "Designing Platform Teams",
      "Build internal platforms that teams choose to use: self-service, product thinking and a clear team API.",
      ("team-topologies", "devops-delivery"), "intermediate",
      (("Platforms as products", "platform-team platform-self-service"),
       ("Boundaries and interfaces", "team-api interaction-modes cognitive-load"),
       ("Measuring platform value", "dora data-model")),
      access="member_enhanced", year=2026, cpd_hours="5", credit="technical", stages=("mid_career", "senior"),
      partner="open-delivery-foundation", instructors=("priya", "instructor")),
    Offer("reducing-cognitive-load", "Reducing Cognitive Load in Delivery Teams",
      "Recognise when teams own too much, and redraw boundaries so they can deliver safely and sustainably.",
      ("team-topologies",), "intermediate",
      (("Understanding cognitive load", "cognitive-load conway"),
       ("Redrawing boundaries", "stream-aligned enabling-team team-api")),
      access="member_first", opens=(-30, 10), year=2026, cpd_hours="3", stages=("mid_career", "senior"),
      instructors=("amara",)),
    # ---- leadership
    Offer("leading-flow-organisations", "Leading Flow-Centred Organisations",
      "For senior leaders: sponsor value streams, decentralise decisions and build the culture in which flow "
      "improvement lasts.",
      ("leadership",), "advanced",
      (("The leader's role in flow", "sponsoring gemba"),
       ("Culture and safety", "generative-culture psych-safety"),
       ("Decisions and change", "decentralised-decisions change-narrative coaching-conversations")),
      access="member_only", year=2025, edition="2025 leadership cohort", cpd_hours="8", credit="leadership",
      stages=("senior", "executive"), instructors=("jonas", "amara")),
    Offer("coaching-value-stream-leads", "Coaching Skills for Value Stream Leads",
      "Practise coaching conversations that help teams find and remove their own obstacles to flow.",
      ("leadership",), "intermediate",
      (("Coaching foundations", "coaching-conversations psych-safety"),
       ("Coaching at the board", "gemba aging-wip"),
       ("Coaching through change", "change-narrative improvement-plan")),
      access="member_enhanced", year=2026, cpd_hours="4", credit="leadership", stages=("mid_career", "senior"),
      instructors=("amara",)),
    Offer("psychological-safety-flow", "Psychological Safety and Flow",
      "Why teams that feel safe to speak up deliver better, and the everyday habits that build that safety.",
      ("leadership",), "introductory",
      (("What psychological safety is", "psych-safety generative-culture"),
       ("Safety in everyday delivery", "incident-learning coaching-conversations")),
      year=2024, cpd_hours="2", credit="leadership", stages=("student", "early_career", "mid_career"),
      instructors=("instructor",)),
    # ---- data and AI
    Offer("data-foundations-vsm", "Data Foundations for Value Stream Management",
      "Get your delivery data into shape: a shared model of work, trustworthy timestamps and respect for "
      "privacy.",
      ("data-ai",), "introductory",
      (("A shared model of work", "data-model digital-vsm"),
       ("Trustworthy data", "data-quality telemetry-privacy")),
      year=2026, cpd_hours="3", credit="technical", stages=("early_career", "mid_career"),
      instructors=("priya",)),
    Offer("ai-assisted-delivery", "AI-Assisted Delivery: Measuring the Real Impact",
      "Separate hype from evidence: measure what AI assistants change in your value stream, and what they do "
      "not.",
      ("data-ai", "devops-delivery"), "intermediate",
      (("AI in the flow of work", "ai-assistants flow-efficiency"),
       ("Measuring impact honestly", "dora responsible-metrics"),
       ("Risks to manage", "bias telemetry-privacy")),
      access="member_first", opens=(-3, 60), year=2027, edition="Pilot cohort", cpd_hours="3",
      credit="technical", stages=("mid_career", "senior"), instructors=("priya", "instructor")),
    Offer("ml-forecasting-flow", "Forecasting with Machine Learning on Flow Data",
      "Build, validate and explain machine-learning forecasts of delivery, and know when simple simulation is "
      "better.",
      ("data-ai", "flow-metrics"), "advanced",
      (("From simulation to models", "monte-carlo ml-forecasting"),
       ("Trustworthy models", "bias explainability"),
       ("Data you can rely on", "data-quality data-model")),
      access="member_only", year=2027, cpd_hours="8", credit="technical", stages=("senior",),
      prerequisites=("data-foundations-vsm",), instructors=("priya",)),
    Offer("measuring-devex-responsibly", "Measuring Developer Experience Responsibly",
      "Understand how developers experience their work without building surveillance: surveys, flow data and "
      "trust.",
      ("data-ai", "leadership"), "intermediate",
      (("What to measure", "cognitive-load flow-efficiency"),
       ("Measuring without surveillance", "telemetry-privacy responsible-metrics"),
       ("Acting on what you learn", "psych-safety improvement-plan")),
      access="member_enhanced", year=2026, cpd_hours="3", stages=("mid_career", "senior"),
      instructors=("instructor",)),
    # ---- governance
    Offer("compliance-as-code-value-streams", "Compliance as Code for Value Streams",
      "Turn controls into automated checks and evidence, working with risk and audit colleagues rather than "
      "around them.",
      ("governance", "devops-delivery"), "intermediate",
      (("Controls in the stream", "controls-mapping compliance-as-code"),
       ("Evidence by default", "audit-evidence separation-of-duties")),
      access="member_enhanced", year=2025, cpd_hours="5", credit="technical", stages=("mid_career", "senior"),
      instructors=("jonas",), scenario=3),
    Offer("risk-based-change-management", "Risk-Based Change Management",
      "Replace the weekly change board for routine work with risk-based approval that is faster and safer.",
      ("governance",), "introductory",
      (("Why change boards slow flow", "risk-based-change handoffs"),
       ("Standard changes in practice", "deployment-pipeline audit-evidence")),
      access="member_first", opens=(-90, -30), year=2024, cpd_hours="2", stages=("early_career", "mid_career"),
      partner="open-delivery-foundation", instructors=("instructor",)),
    # ---- ethics / RCR (English)
    Offer("rcr-core-principles", "Responsible Conduct of Research: Core Principles",
      "The foundations of research integrity for practitioners who study their own organisations: consent, "
      "data, credit and honesty.",
      ("research-ethics",), "introductory",
      (("Respect for participants", "consent minimisation anonymisation"),
       ("Honesty and credit", "authorship record-keeping"),
       ("When things go wrong", "conflicts raising-concerns")),
      kind="ethics", year=2026, cpd_hours="2", credit="ethics", rcr_minutes=120,
      stages=("student", "early_career", "mid_career"), instructors=("amara",),
      attestation="I confirm that I completed this module myself, that I understand the principles of informed "
      "consent, data protection, fair credit and honest reporting it describes, and that I will apply them in "
      "any research or evaluation I carry out."),
    Offer("ethics-workplace-measurement", "Ethics of Workplace Measurement",
      "Flow and productivity data describe people's work. Learn to measure in ways that are fair, transparent "
      "and respectful.",
      ("research-ethics", "flow-metrics"), "intermediate",
      (("Metrics change behaviour", "responsible-metrics telemetry-privacy"),
       ("Consent and transparency", "consent anonymisation")),
      kind="ethics", access="member_enhanced", year=2025, cpd_hours="1.5", credit="ethics", rcr_minutes=90,
      stages=("mid_career", "senior", "executive"), instructors=("instructor",),
      attestation="I confirm that I completed this module myself, and that I will use workplace and delivery "
      "metrics transparently, at the level of teams and systems, and never to judge individuals without their "
      "knowledge."),
    Offer("responsible-ai-practice-research", "Responsible Use of AI and Data in Practice Research",
      "Use AI tools and delivery data in research without compromising participants, accuracy or authorship.",
      ("research-ethics", "data-ai"), "intermediate",
      (("AI tools in research", "ai-in-research record-keeping"),
       ("Fairness and privacy", "bias minimisation")),
      kind="ethics", access="member_only", year=2027, cpd_hours="1.5", credit="ethics", rcr_minutes=60,
      stages=("mid_career", "senior"), instructors=("priya",),
      attestation="I confirm that I completed this module myself, that I will disclose any use of AI tools in "
      "my research, verify their outputs against sources, and never share participants' data with services "
      "they did not consent to."),
    Offer("authorship-publishing", "Authorship, Credit and Publishing Practice Research",
      "Agree who gets credit, declare your interests and keep records that let others check your work.",
      ("research-ethics",), "introductory",
      (("Who gets credit", "authorship mentoring-duties"),
       ("Publishing with integrity", "conflicts record-keeping")),
      kind="ethics", access="member_first", opens=(-14, 14), year=2026, cpd_hours="1", credit="ethics",
      rcr_minutes=75, stages=("early_career", "mid_career"), instructors=("amara", "instructor"),
      attestation="I confirm that I completed this module myself, and that I will agree authorship fairly, "
      "declare my interests and keep records that allow others to check my work."),
    Offer("mentoring-supervision", "Mentoring and Supervision Responsibilities",
      "What mentors and supervisors owe the people they guide: clear expectations, fair credit and a safe place "
      "to raise concerns.",
      ("research-ethics", "leadership"), "advanced",
      (("The mentor's duties", "mentoring-duties authorship"),
       ("Creating a safe environment", "psych-safety raising-concerns")),
      kind="ethics", year=2024, cpd_hours="1.5", credit="ethics", rcr_minutes=60,
      stages=("senior", "executive"), instructors=("jonas",),
      attestation="I confirm that I completed this module myself, and that as a mentor or supervisor I will set "
      "clear expectations, give fair credit and make it safe for the people I guide to raise concerns."),
    # ---- Spanish
    Offer("metricas-flujo-fundamentos", "Métricas de flujo: fundamentos",
      "Aprende qué mide cada métrica de flujo, qué te dice sobre tu flujo de valor y cómo empezar a medirla con "
      "los datos que ya tienes.",
      ("flow-metrics",), "introductory",
      (("Por qué medir el flujo", "velocidad-flujo tiempo-flujo carga-flujo"),
       ("Dónde se va el tiempo", "eficiencia-flujo distribucion-flujo")),
      language="es", year=2025, cpd_hours="4", credit="technical", stages=("early_career", "mid_career"),
      partner="aia", instructors=("elena", "carlos")),
    Offer("mapeo-flujo-valor", "Mapeo del flujo de valor: primeros pasos",
      "Dibuja cómo fluye realmente el trabajo desde la petición hasta el cliente, descubre las mayores esperas "
      "y decide por dónde empezar a mejorar.",
      ("value-stream-mapping",), "introductory",
      (("Ver el flujo completo", "flujo-valor mapa-actual"),
       ("Medir cada paso", "metricas-proceso esperas-traspasos"),
       ("Decidir qué cambiar", "mapa-futuro plan-mejora")),
      language="es", access="member_enhanced", year=2026, edition="Edición de primavera", cpd_hours="4",
      stages=("student", "early_career", "mid_career"), instructors=("elena",)),
    Offer("entrega-continua-devops", "Entrega continua y DevOps para equipos de producto",
      "Publica cambios pequeños con frecuencia y con seguridad: métricas clave, pipeline de despliegue e "
      "interruptores de funcionalidad.",
      ("devops-delivery",), "intermediate",
      (("Medir la entrega", "cuatro-metricas revisiones-sin-culpa"),
       ("Cambios pequeños y frecuentes", "desarrollo-tronco canal-despliegue interruptores")),
      language="es", access="member_first", opens=(-10, 20), year=2026, cpd_hours="5", credit="technical",
      stages=("early_career", "mid_career"), partner="aia", instructors=("carlos",)),
    Offer("liderar-transformacion-flujo", "Liderar la transformación hacia el flujo",
      "Para directivos: cómo patrocinar flujos de valor, descentralizar decisiones y construir una cultura "
      "donde la mejora perdure.",
      ("leadership",), "advanced",
      (("El papel de quien lidera", "ir-a-ver seguridad-psicologica"),
       ("Cambiar con las personas", "relato-cambio conversaciones-coaching decisiones-descentralizadas")),
      language="es", access="member_only", year=2026, edition="Cohorte directiva", cpd_hours="6",
      credit="leadership", stages=("senior", "executive"), instructors=("elena",)),
    Offer("producto-orientado-resultados", "Gestión de producto orientada a resultados",
      "Pasa de entregar funcionalidades a cambiar el comportamiento de tus clientes, con objetivos, hojas de "
      "ruta y experimentos que lo hagan posible.",
      ("product-management",), "intermediate",
      (("Resultados, no entregables", "resultados-entregables coste-retraso"),
       ("Aprender antes de construir", "descubrimiento-continuo experimentos hoja-ruta")),
      language="es", year=2024, cpd_hours="3", stages=("early_career", "mid_career"), instructors=("carlos",)),
    Offer("analisis-avanzado-flujo", "Análisis avanzado de métricas de flujo",
      "Usa percentiles, la ley de Little y la simulación de Monte Carlo para hacer previsiones honestas y "
      "detectar a tiempo el trabajo atascado.",
      ("flow-metrics",), "advanced",
      (("Distribuciones, no promedios", "percentiles-servicio ley-little"),
       ("Vigilar el trabajo en curso", "edad-trabajo carga-flujo"),
       ("Prever con confianza", "monte-carlo-es eficiencia-flujo")),
      language="es", access="member_only", year=2027, cpd_hours="8", credit="technical",
      stages=("mid_career", "senior"), prerequisites=("metricas-flujo-fundamentos",),
      instructors=("elena", "instructor")),
    Offer("integridad-investigacion-aplicada", "Integridad en la investigación aplicada",
      "Los fundamentos de la integridad científica para profesionales que investigan en sus propias "
      "organizaciones: consentimiento, datos, autoría y honestidad.",
      ("research-ethics",), "introductory",
      (("Respeto a las personas participantes", "consentimiento minimizacion-datos confidencialidad"),
       ("Honestidad y reconocimiento", "autoria registros-reproducibilidad"),
       ("Cuando algo va mal", "conflictos-interes comunicar-sospechas")),
      language="es", kind="ethics", year=2025, cpd_hours="2", credit="ethics", rcr_minutes=120,
      stages=("student", "early_career", "mid_career"), instructors=("elena",),
      attestation="Confirmo que he completado este módulo personalmente, que comprendo los principios de "
      "consentimiento informado, protección de datos, reconocimiento justo y comunicación honesta que describe, "
      "y que los aplicaré en cualquier investigación o evaluación que lleve a cabo."),
    Offer("etica-datos-metricas", "Ética de los datos y métricas centradas en las personas",
      "Los datos de flujo y productividad describen el trabajo de personas. Aprende a medir de forma justa, "
      "transparente y respetuosa.",
      ("research-ethics", "data-ai"), "intermediate",
      (("Las métricas cambian la conducta", "uso-responsable-metricas minimizacion-datos"),
       ("Inteligencia artificial con responsabilidad", "ia-investigacion confidencialidad")),
      language="es", kind="ethics", access="member_enhanced", year=2026, cpd_hours="1.5", credit="ethics",
      rcr_minutes=90, stages=("mid_career", "senior"), instructors=("carlos",),
      attestation="Confirmo que he completado este módulo personalmente y que usaré las métricas y los datos "
      "de trabajo con transparencia, a nivel de equipos y sistemas, y nunca para juzgar a personas sin su "
      "conocimiento."),
    # ---- French
    Offer("indicateurs-flux-pratique", "Les indicateurs de flux en pratique",
      "Comprendre le temps de flux, la charge et l'efficacité de flux, et fixer des niveaux de service honnêtes "
      "à partir de vos propres données.",
      ("flow-metrics",), "introductory",
      (("Mesurer le flux", "temps-flux charge-flux"),
       ("Améliorer et s'engager", "efficacite-flux niveaux-service")),
      language="fr", year=2026, cpd_hours="3", credit="technical", stages=("early_career", "mid_career"),
      instructors=("camille",)),
    Offer("ethique-recherche-integrite", "Éthique de la recherche et intégrité scientifique",
      "Les principes essentiels de l'intégrité pour les praticiens qui étudient leur propre organisation : "
      "consentement, données, paternité des travaux et usage des indicateurs.",
      ("research-ethics",), "introductory",
      (("Respecter les participants", "consentement-eclaire minimisation-donnees"),
       ("Reconnaître et mesurer avec justesse", "paternite-travaux usage-indicateurs")),
      language="fr", kind="ethics", access="member_first", opens=(-30, 30), year=2026, cpd_hours="1.5",
      credit="ethics", rcr_minutes=90, stages=("early_career", "mid_career", "senior"), instructors=("camille",),
      attestation="Je confirme avoir suivi ce module personnellement, comprendre les principes de consentement, "
      "de protection des données, de reconnaissance équitable et d'usage responsable des indicateurs qu'il "
      "décrit, et m'engage à les appliquer dans ma pratique professionnelle."),
    # ---- Portuguese
    Offer("mapeamento-fluxo-valor", "Mapeamento do fluxo de valor na prática",
      "Desenhe como o trabalho realmente flui do pedido até o cliente, encontre as maiores esperas e decida por "
      "onde começar a melhorar.",
      ("value-stream-mapping",), "introductory",
      (("Enxergar o fluxo inteiro", "fluxo-valor-pt mapa-estado-atual"),
       ("Do diagnóstico à melhoria", "esperas-transferencias mapa-estado-futuro")),
      language="pt", year=2025, cpd_hours="3", stages=("student", "early_career", "mid_career"),
      partner="open-delivery-foundation", instructors=("beatriz",)),
    Offer("devops-entrega-continua", "DevOps e entrega contínua: fundamentos",
      "Meça a entrega com as quatro métricas-chave e aprenda práticas para publicar mudanças pequenas com "
      "frequência e segurança.",
      ("devops-delivery",), "introductory",
      (("Medir a entrega", "quatro-metricas-pt revisoes-sem-culpa"),
       ("Mudanças pequenas e frequentes", "desenvolvimento-tronco pipeline-implantacao")),
      language="pt", access="member_first", opens=(-45, -5), year=2024, edition="Turma de 2024", cpd_hours="3",
      credit="technical", stages=("student", "early_career"), instructors=("beatriz",)),
]

# ------------------------------------------------------------------------------------------ events


@dataclass(frozen=True)
class SessionSpec:
    """One run of an event: `days` from the day the demo is loaded, wall-clock times in its own zone."""

    title: str
    days: int
    start: time
    end: time
    time_zone: str
    capacity: int | None = None
    joining_url: str = ""
    venue: str = ""


@dataclass(frozen=True)
class QuestionSpec:
    """A registration question; demo registrants answer with `samples` in turn (a choice: its options)."""

    label: str
    kind: str = "short_text"
    options: tuple[str, ...] = ()
    required: bool = False
    help_text: str = ""
    samples: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegistrationsSpec:
    """Demo accounts registering for one session (by index), in order, starting `days_ago` days before the load
    (a few hours apart), through the registration rule as of that moment."""

    session: int
    accounts: tuple[str, ...]
    days_ago: int


@dataclass(frozen=True)
class EventSpec:
    """A workshop or webinar; `year_of_first_session` derives its programme year from its first session's date,
    so the demo's years stay true whenever it is loaded."""

    key: str
    kind: str  # "webinar" or "workshop"
    title: str
    summary: str
    about: str
    topics: tuple[str, ...]
    level: str
    sessions: tuple[SessionSpec, ...]
    access: str = "public"
    opens: tuple[int | None, int | None] = (None, None)
    cpd_hours: str = "1"
    credit: str = "general"
    stages: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    instructors: tuple[str, ...] = ()
    speakers: tuple[dict[str, str], ...] = ()
    questions: tuple[QuestionSpec, ...] = ()
    materials: tuple[dict[str, object], ...] = ()
    registrations: tuple[RegistrationsSpec, ...] = ()
    closes_minutes_before: int = 0
    has_waitlist: bool = True
    edition: str = ""
    language: str = "en"
    in_campaign: bool = False


def _meeting(number: str) -> str:
    return f"https://zoom.example.org/j/{number}"


# The webinar whose Americas run ended yesterday: staff or the partner host import its attendance report.
ATTENDANCE_EVENT = "flow-forecasting-clinic"
ATTENDANCE_SESSION = 0
ATTENDANCE_SAMPLE = Path(__file__).with_name("attendance-report-sample.csv")

EVENTS: list[EventSpec] = [
    EventSpec(
        ATTENDANCE_EVENT, "webinar", "Flow Metrics Clinic: Forecasting Delivery Dates",
        "A live clinic on forecasting with flow data: bring your throughput history and leave with a probabilistic "
        "delivery date you can explain to stakeholders.",
        "Two practitioners forecast real delivery dates live from anonymised team data, using throughput and "
        "Monte Carlo simulation instead of estimates, and answer your questions. Run twice, for the Americas and "
        "for Asia-Pacific, with the Asociación Iberoamericana de Agilidad.",
        ("flow-metrics",), "intermediate",
        (
            SessionSpec("Americas edition", -1, time(10), time(11), "America/New_York", capacity=100,
                        joining_url=_meeting("83120457716")),
            SessionSpec("Asia-Pacific edition", 15, time(19), time(20), "Asia/Singapore", capacity=100,
                        joining_url=_meeting("85531902248")),
        ),
        cpd_hours="1.5", credit="technical", stages=("early_career", "mid_career", "senior"),
        partners=("aia",), instructors=("instructor", "carlos"),
        speakers=(
            {"name": "Yuki Tanaka", "affiliation": "Faculty, VSMC Learning",
             "bio": "Teaches flow metrics and forecasting; previously led delivery analytics at a logistics firm."},
            {"name": "Carlos Mendoza Ruiz", "affiliation": "Asociación Iberoamericana de Agilidad",
             "bio": "Coaches product teams across Latin America on measuring and forecasting flow."},
        ),
        questions=(
            QuestionSpec("How does your team forecast delivery dates today?", "choice",
                         options=("We don't forecast", "Estimates in story points", "Throughput and Monte Carlo",
                                  "Something else"), required=True),
        ),
        registrations=(
            RegistrationsSpec(0, ("student", "visitor", "olivia", "tomas", "kwame", "mei", "fatima"), days_ago=16),
            RegistrationsSpec(1, ("learner", "hannah", "rafael"), days_ago=3),
        ),
        closes_minutes_before=60, in_campaign=True,
    ),
    EventSpec(
        "vsm-studio-madrid", "workshop", "Value Stream Mapping Studio (Madrid)",
        "A day in a small group mapping a real value stream on the wall, from the first request to the customer, "
        "and designing its future state.",
        "Twelve places, one long wall and a lot of sticky notes: you map a real service end to end, measure its "
        "waits and hand-offs, and leave with a future-state map and the first three changes to make. Lunch and "
        "materials are included.",
        ("value-stream-mapping",), "introductory",
        (
            SessionSpec("", 20, time(9, 30), time(16, 30), "Europe/Madrid", capacity=12,
                        venue="VSMC Learning Centre, Calle de Alcalá 21, 3.º, 28014 Madrid, Spain"),
        ),
        cpd_hours="6", credit="technical", stages=("student", "early_career", "mid_career"),
        instructors=("elena",), edition="Madrid, in person",
        speakers=({"name": "Elena Vidal Soler", "affiliation": "Faculty, VSMC Learning",
                   "bio": "Has facilitated value stream mapping in hospitals, banks and city councils."},),
        questions=(
            QuestionSpec("Dietary requirements for lunch", help_text="Leave blank if none.",
                         samples=("", "Vegetarian", "", "No nuts, please", "")),
            QuestionSpec("I agree to appear in photographs taken during the workshop", "consent",
                         samples=("on", "on", "")),
        ),
        registrations=(
            RegistrationsSpec(0, ("student", "visitor", "lapsed", "olivia", "tomas", "kwame", "mei", "fatima",
                                  "hannah", "liam", "aiko"), days_ago=9),
        ),
        closes_minutes_before=1440, in_campaign=True,
    ),
    EventSpec(
        "funding-value-streams-live", "webinar", "Funding Value Streams: Ask the Practitioners",
        "Finance and portfolio leads who moved from project funding to funding value streams answer members' "
        "questions. Members register first.",
        "A panel of portfolio and finance leads on what changed when they stopped funding projects: budgeting "
        "cycles, guardrails, and how they report to their boards. Members may register a week before everyone "
        "else. Co-hosted with Northbridge School of Management.",
        ("lean-portfolio",), "intermediate",
        (
            SessionSpec("Americas edition", 25, time(13), time(14), "America/New_York", capacity=300,
                        joining_url=_meeting("87722310954")),
            SessionSpec("Asia-Pacific edition", 26, time(12), time(13), "Asia/Singapore", capacity=300,
                        joining_url=_meeting("81994420317")),
        ),
        access="member_first", opens=(-7, 7), cpd_hours="1", credit="leadership", stages=("mid_career", "senior",
                                                                                          "executive"),
        partners=("northbridge",), instructors=("jonas",),
        speakers=(
            {"name": "Jonas Weber", "affiliation": "Faculty, VSMC Learning"},
            {"name": "Grace Whitfield", "affiliation": "Director of Executive Education, Northbridge School of "
             "Management", "profile_url": "https://www.northbridge.example/people/grace-whitfield"},
        ),
        questions=(
            QuestionSpec("What would you like the panel to answer?", "long_text",
                         help_text="Optional; we group similar questions.",
                         samples=("How do you set guardrails for a value stream's budget?", "")),
        ),
        registrations=(
            RegistrationsSpec(0, ("hannah", "liam"), days_ago=2),
            RegistrationsSpec(1, ("aiko", "mei"), days_ago=2),
        ),
        in_campaign=True,
    ),
    EventSpec(
        "leading-flow-roundtable", "workshop", "Leading the Move to Flow: Members' Roundtable",
        "An online working session for senior members leading a change to flow-centred ways of working.",
        "Sixteen senior members, two hours, one question each: what is blocking the move to flow where you "
        "work, and what has helped elsewhere? Facilitated in small breakout groups; held under the Chatham House "
        "rule.",
        ("leadership",), "advanced",
        (
            SessionSpec("", 38, time(15), time(17), "Europe/London", capacity=16,
                        joining_url=_meeting("84410096251")),
        ),
        access="member_only", cpd_hours="2", credit="leadership", stages=("senior", "executive"),
        instructors=("jonas", "amara"),
        speakers=({"name": "Amara Okafor", "affiliation": "Faculty, VSMC Learning"},),
        registrations=(RegistrationsSpec(0, ("liam", "rafael", "mei"), days_ago=1),),
    ),
    EventSpec(
        "delivery-metrics-year-in-review", "webinar", "Delivery Metrics: The Year in Review",
        "What changed in how teams measure software delivery this year, from the Open Delivery Foundation's "
        "survey. Slides and recording available.",
        "The Open Delivery Foundation presents its annual survey of delivery metrics: which measures teams "
        "kept, which they dropped, and what the best-performing teams do differently. The slides are public; "
        "members can watch the recording.",
        ("devops-delivery",), "intermediate",
        (
            SessionSpec("", -45, time(16), time(17), "Europe/Berlin", capacity=500,
                        joining_url=_meeting("89015527730")),
        ),
        cpd_hours="1", credit="technical", stages=("early_career", "mid_career", "senior"),
        partners=("open-delivery-foundation",), instructors=("jonas",),
        speakers=({"name": "Ines Duarte", "affiliation": "Open Delivery Foundation"},),
        materials=(
            {"title": "Slides: Delivery Metrics, the Year in Review", "kind": "slides",
             "link": "https://opendelivery.example.org/talks/delivery-metrics-review/slides", "members_only": False},
            {"title": "Recording", "kind": "recording",
             "link": "https://video.vsmc.example.org/watch/delivery-metrics-year-in-review", "members_only": True},
        ),
    ),
    # Past programme years: a topic that has not run for years shows up in the staff programme planner.
    EventSpec(
        "etica-medicion-seminario", "webinar", "Ética de la medición del trabajo: seminario en línea",
        "Qué datos de flujo medir sin vigilar a las personas: consentimiento, transparencia y uso responsable de "
        "las métricas en equipos de investigación y desarrollo.",
        "Un seminario en español, en dos horarios para América Latina y España, sobre la ética de medir el "
        "trabajo con métricas de flujo.",
        ("research-ethics",), "introductory",
        (
            SessionSpec("América Latina", 9, time(17), time(18, 30), "America/Mexico_City", capacity=150,
                        joining_url=_meeting("80022334455")),
            SessionSpec("España", 23, time(18), time(19, 30), "Europe/Madrid", capacity=150,
                        joining_url=_meeting("80033445566")),
        ),
        cpd_hours="1.5", credit="ethics", stages=("student", "early_career", "mid_career"), partners=("aia",),
        instructors=("carlos",), language="es",
        speakers=({"name": "Carlos Mendoza Ruiz", "affiliation": "Asociación Iberoamericana de Agilidad",
                   "bio": "Acompaña a equipos de producto en América Latina en la medición responsable del flujo."},),
    ),
    EventSpec(
        "kanban-systems-design", "workshop", "Kanban Systems Design Workshop",
        "Design a kanban system for your own service: work types, classes of service, WIP limits and the "
        "meetings that keep it evolving.",
        "A two-day, in-person workshop in Toronto on designing a kanban system from the service you run today.",
        ("kanban-method",), "intermediate",
        (
            SessionSpec("", -3 * 365 - 40, time(9), time(17), "America/Toronto", capacity=20,
                        venue="Northbridge Executive Centre, 200 King Street West, Toronto"),
        ),
        cpd_hours="7", credit="technical", stages=("early_career", "mid_career"), partners=("northbridge",),
        instructors=("instructor",), edition="Toronto, in person",
    ),
    EventSpec(
        "kanban-metrics-webinar", "webinar", "Kanban Metrics for Service Delivery",
        "Cycle time, throughput and the cumulative flow diagram for teams starting out with the Kanban Method.",
        "An introductory webinar on the three charts every kanban team should read.",
        ("kanban-method",), "introductory",
        (
            SessionSpec("", -4 * 365 - 80, time(17), time(18), "Europe/London", capacity=200,
                        joining_url=_meeting("80011223344")),
        ),
        cpd_hours="1", credit="technical", stages=("student", "early_career"), instructors=("amara",),
    ),
]

# A themed month gathering the upcoming flow events and a course; dates are days from the load.
CAMPAIGN: dict[str, object] = {
    "slug": "flow-month",
    "name": "Flow Month",
    "summary": "A month of live clinics, workshops and panels on measuring, mapping and funding the flow of value.",
    "description": "<p>Every week of <b>Flow Month</b> brings a live event on flow: forecasting with flow "
    "metrics, mapping a value stream in a room in Madrid, and a panel on funding value streams. Start with "
    "<i>Flow Metrics Fundamentals</i> if the vocabulary is new to you.</p>",
    "starts_in_days": 12,
    "ends_in_days": 42,
    "courses": ("flow-metrics-fundamentals",),
}
