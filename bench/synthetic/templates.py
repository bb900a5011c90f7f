"""The fixed French text of a case: section headings and sentence templates, summaries, outcomes, titles."""

# --- Fixed French text: templates and phrases ------------------------------------------------------------
# Slots: N noun, dN "de"+noun, D/dD domain word, Ams/Afs/Amp/Afp adjective in agreement, V infinitive,
# dV "de"+infinitive, Vpp past participle, ADV adverb, T/dT/aT town, O/dO/aO lead organisation, O2/dO2/aO2
# another organisation, AUD/aAUD/dAUD audience with les/aux/des, K small number, K2 larger number, PCT
# percentage, EUR amount, Y start year, Yp an earlier year, Yn a later year, PART/ENG/DYN the case's practices.
# No domain word may appear in this fixed text (a test checks it): it would spread over every case.

SECTION_HEADINGS = {
    "context": ("Contexte", "Le point de départ", "Origine du projet", "Le constat", "Un besoin identifié"),
    "partnership": (
        "Le partenariat",
        "Les partenaires",
        "Une alliance d'acteurs",
        "Gouvernance et rôles",
        "Qui fait quoi",
    ),
    "implementation": ("Mise en œuvre", "Les actions menées", "Déroulement", "Fonctionnement", "Concrètement"),
    "results": ("Résultats", "Premiers effets", "Perspectives", "Ce que retiennent les partenaires", "Bilan et suites"),
}

SECTION_TEMPLATES = {
    "context": (
        "Le [projet|dispositif|programme] est né d'un constat partagé par les acteurs [locaux|du territoire] : "
        "les questions {dD} et {dN} étaient [traitées séparément|abordées sans concertation].",
        "À {T}, les besoins en matière {dD} ont [fortement|nettement|sensiblement] augmenté depuis {Yp}.",
        "Les [habitants|associations|élus] signalaient depuis plusieurs années un manque {dN} et des difficultés {dD}.",
        "{O} a d'abord [conduit|mené|réalisé] un diagnostic {Ams} afin {dV} les attentes {dAUD}.",
        "Ce diagnostic a mis en évidence des fragilités {dD}, mais aussi des ressources {Afp} [souvent "
        "méconnues|peu valorisées|encore dispersées].",
        "Plusieurs structures ont alors souhaité {V} leurs efforts autour {dD} et {dN}.",
        "Le territoire compte une population {Afs} et un tissu associatif {Ams}, mais peu de coordination "
        "entre les acteurs {dD}.",
        "Les élus ont constaté que les réponses existantes en matière {dD} ne suffisaient plus face à la "
        "demande {dAUD}.",
        "Plusieurs [études|analyses|observations] {Afp} soulignaient un besoin {dN} et {dD} chez {AUD}.",
        "L'idée est venue d'une rencontre entre {O} et des habitants mobilisés sur les questions {dD}.",
        "Avant {Y}, aucune structure ne proposait d'offre {Afs} {dD} sur ce territoire.",
        "La crise a accentué les difficultés {dD} et rendu visible le besoin {dV} autrement.",
        "Pour {AUD}, les démarches {dD} restaient {ADV} [complexes|longues|coûteuses] et peu lisibles.",
        "Les partenaires partageaient une même conviction : les enjeux {dD} ne peuvent se traiter sans {N} ni {N}.",
        "Le territoire souffrait d'un déficit {dN}, en particulier pour {AUD} des quartiers {Amp}.",
        "Des acteurs {Amp} intervenaient déjà sur les enjeux {dD}, sans [réelle coordination|vision "
        "commune|moyens suffisants].",
        "Le constat de départ portait sur la difficulté {dV} {AUD} dans leur parcours {dD}.",
        "Selon les acteurs de terrain, les situations {dD} se multipliaient, notamment chez {AUD}.",
        "{O} observait {ADV} une hausse des demandes {dD} et un essoufflement des bénévoles.",
        "Les collectivités du secteur cherchaient à {V} leur politique {dD} en s'appuyant sur les forces {Afp} "
        "du territoire.",
        "Les entreprises locales souhaitaient de leur côté s'impliquer davantage dans la vie {Afs} du territoire.",
        "Le secteur {dT} présentait des indicateurs {Amp} en matière {dD} comme {dN}.",
        "Les professionnels {dD} déploraient le manque {dN} et la dispersion des moyens.",
        "[Jusque-là|Auparavant|Jusqu'alors], chaque structure agissait seule, avec des moyens {Amp} et une "
        "connaissance {Afs} des besoins {dD}.",
        "Une [concertation|réunion publique|table ronde] organisée en {Yp} a fait émerger trois priorités : "
        "{N}, {N} et {D}.",
        "Le [quartier|bourg|secteur] concentre des difficultés {Afp} liées au manque {dN} et aux besoins {dD}.",
        "{ADV}, les acteurs {dD} peinaient à {V} {AUD} faute {dN} et {dN}.",
        "Les attentes exprimées portaient sur {N}, sur {D} et sur la possibilité {dV} ensemble.",
    ),
    "partnership": (
        "{O} porte le projet et coordonne un [collectif|groupe|réseau] de {K} partenaires.",
        "Le partenariat repose sur {PART}.",
        "Cette coopération est complétée par {ENG}.",
        "L'entreprise partenaire apporte un soutien {Ams} ainsi qu'un appui en matière {dN}.",
        "Chaque partenaire met ses compétences {Afp} au service du projet, dans une logique {dN}.",
        "La gouvernance s'appuie sur un [comité|conseil|groupe de pilotage] {Ams} qui se réunit {ADV} pour {V} "
        "les choix stratégiques.",
        "La collectivité met à disposition des locaux et facilite les relations avec les services {dD}.",
        "Les salariés de l'entreprise s'impliquent à travers {ENG}.",
        "{O2} assure le suivi {Ams} et l'évaluation des actions.",
        "Une convention signée en {Y} précise les engagements de chacun et les modalités {dN}.",
        "Le projet s'inscrit dans {DYN}.",
        "Les partenaires se retrouvent {K} fois par an pour {V} les priorités et ajuster le plan d'action.",
        "Cette alliance réunit des structures {Afp} qui n'avaient pas l'habitude de travailler ensemble.",
        "Le rôle {dN} est confié {aO2}, reconnu pour son expertise en matière {dD}.",
        "Les apports sont à la fois financiers, humains et {Amp}.",
        "Un financement {Ams} de {EUR} euros a permis de [lancer|démarrer|consolider] la première phase.",
        "{O} et {O2} ont formalisé leur coopération autour d'objectifs {Amp} et d'indicateurs {dN} partagés.",
        "Au-delà du financement, l'entreprise mobilise son réseau {dN} et ses savoir-faire {Amp}.",
        "La répartition des rôles a été discutée dès le départ : {O} pilote, {O2} apporte son expertise {Afs}.",
        "Les décisions sont prises collectivement, dans un esprit {dN} et de confiance.",
        "{O2} [finance|soutient|accompagne] le projet depuis {Y} et participe aux [comités|réunions|bilans] annuels.",
        "Les partenaires ont rédigé ensemble une charte qui fixe les principes {dN}, {dN} et {dN}.",
        "Un [duo|tandem] associant un salarié de l'entreprise et un bénévole suit chaque action.",
        "Les échanges réguliers entre partenaires portent sur {N}, {N} et les besoins {dD}.",
        "Le pilotage est [partagé|assuré à tour de rôle] entre {O} et {O2}.",
        "L'apport de l'entreprise ne se limite pas au financement : il comprend aussi {N} et {N}.",
    ),
    "implementation": (
        "Concrètement, les partenaires ont {Vpp} des ateliers {dD} ouverts {aAUD}.",
        "Chaque [semaine|mois|trimestre], {K} bénévoles accueillent {AUD} pour {V} leurs projets.",
        "Un parcours {Ams} combine des temps {dN}, des rencontres collectives et un suivi {Ams}.",
        "Le dispositif s'appuie sur une équipe {Afs} composée de {K} professionnels {dD}.",
        "Les participants bénéficient d'un accompagnement {Ams} et d'outils {Amp}.",
        "Des sessions {dN} sont organisées {ADV} dans les locaux {dO2}.",
        "L'entreprise met à disposition du matériel et des compétences {Afp} pour {V} les actions {dD}.",
        "Les professionnels {dD} et les bénévoles travaillent ensemble pour {V} {AUD}.",
        "En {Yn}, une deuxième phase a permis {dV} le dispositif à d'autres communes.",
        "Un temps {dN} est proposé chaque mois {aAUD}.",
        "Les démarches {dD} sont {ADV} facilitées grâce à une permanence {Afs}.",
        "Les équipes ont {Vpp} une méthode {Afs} fondée sur la confiance, la régularité et le partage {dN}.",
        "Plusieurs outils ont été conçus : un guide {dN}, des fiches {Afp} et une carte des ressources {dD}.",
        "La démarche repose sur trois principes : {N}, {N} et {N}.",
        "Les participants sont orientés par les services sociaux, les associations {dD} et les entreprises du "
        "territoire.",
        "Le programme comprend {K} modules consacrés aux questions {dD} et {dN}.",
        "{O} anime également un réseau {dN} qui réunit {ADV} les acteurs {dD}.",
        "Les actions se déroulent au plus près {dAUD}, dans des lieux {Amp} et faciles d'accès.",
        "Les bénévoles suivent une formation {Afs} sur les questions {dD} et {dN}.",
        "Un référent {Ams} accompagne chaque personne, de l'accueil jusqu'à la fin du parcours.",
        "Les salariés volontaires de l'entreprise animent des ateliers {dD} et partagent leur expérience {dN}.",
        "Des rencontres {Afp} entre {AUD} et les entreprises du territoire ont lieu {ADV}.",
        "L'équipe a {Vpp} {ADV} son organisation pour {V} les besoins {dD}.",
        "Un outil de suivi {Ams} permet de mesurer l'évolution {dN} et {dD}.",
        "Les actions {dD} touchent {ADV} {AUD} et les professionnels du secteur.",
        "Le projet mobilise des bénévoles {Amp}, des salariés volontaires et des professionnels {dD}.",
        "Les [ateliers|séances|rencontres] abordent {N}, {D} et {N}, avec des mises en situation {Afp}.",
        "Une journée {Afs} réunit chaque année {AUD}, les partenaires et les élus autour {dD}.",
        "Les participants construisent [pas à pas|progressivement|avec leur référent] un projet {dN} adapté à "
        "leur situation.",
        "{O} a {Vpp} un [local|espace|lieu] {Ams} où se tiennent les permanences {dD}.",
        "Les [outils|supports|contenus] produits sont partagés en libre accès avec les autres acteurs {dD}.",
        "Les entreprises partenaires proposent des [visites|journées découverte|journées portes ouvertes] {aAUD}.",
    ),
    "results": (
        "Depuis le lancement, plus de {K2} personnes ont été [accompagnées|accueillies|touchées].",
        "Le projet a {Vpp} la coopération entre acteurs {dD} et renforcé la visibilité {dN}.",
        "Les partenaires constatent une amélioration {Afs} des situations {dD}.",
        "{PCT} % des participants déclarent avoir gagné en confiance et en aisance.",
        "L'évaluation menée en {Yn} souligne l'intérêt {dN} et la qualité du partenariat.",
        "Les difficultés rencontrées portent surtout sur le financement {dN} et la mobilisation {dAUD}.",
        "Les partenaires souhaitent désormais {V} la démarche sur d'autres territoires.",
        "Le modèle est jugé {Ams} et pourrait être essaimé dans {K} autres communes.",
        "La démarche a {ADV} changé le regard des entreprises sur les enjeux {dD}.",
        "À terme, l'objectif est {dV} un service {Ams} et pérenne.",
        "Les constats tirés concernent la gouvernance, la place {dN} et le rôle des habitants.",
        "Les retours {dAUD} sont {ADV} positifs, en particulier sur la qualité {dN}.",
        "Un nouveau partenariat avec {O2} est en préparation pour {V} les actions {dD}.",
        "Le temps nécessaire à la coordination a été sous-estimé, ce qui a conduit à {V} le calendrier.",
        "La question {dN} reste un point d'attention pour les prochaines années.",
        "Les partenaires retiennent l'importance {dN} et d'une gouvernance {Afs}.",
        "Le projet a aussi fait émerger de nouvelles collaborations entre acteurs {dD} et entreprises.",
        "Plusieurs communes proches ont sollicité {O} pour {V} une démarche comparable.",
        "[Parmi les effets observés|Au rang des effets constatés] figurent {N}, {N} et une meilleure "
        "connaissance {dD}.",
        "La prochaine étape consiste {aV} les partenaires autour d'un projet {dN} à plus grande échelle.",
        "Les [élus|partenaires|financeurs] ont décidé de reconduire l'action jusqu'en {Yn}.",
    ),
}

SUMMARY_TEMPLATES = (
    "{O} et ses partenaires ont {Vpp} {aT} une démarche {Afs} autour des questions {dD}.",
    "Ce projet réunit une association, une entreprise et une collectivité pour {V} {AUD} en matière {dD}.",
    "Depuis {Y}, l'alliance agit sur les enjeux {dD} et {dD} dans le territoire {dT}.",
    "À {T}, {O} coordonne une alliance locale qui cherche à {V} les réponses {dD}.",
    "Une coopération entre acteurs publics, associatifs et privés pour {V} les actions {dD} et {dN}.",
    "L'initiative associe {AUD}, des bénévoles et des entreprises autour d'un objectif commun : {V} les "
    "conditions {dD}.",
    "Le partenariat combine {PART} et {ENG}.",
    "Cette alliance expérimente une réponse {Afs} aux besoins {dD} {dAUD}.",
    "[Associations|Entreprises|Collectivités] et habitants [s'allient|coopèrent|se mobilisent] {aT} autour {dD}.",
    "Un [projet|programme|dispositif] {Ams} qui relie {D}, {D} et {N} au service {dAUD}.",
)

OUTCOME_TEMPLATES = (
    "{K2} personnes accompagnées et {K} partenaires mobilisés depuis {Y}.",
    "{PCT} % des participants se disent satisfaits de l'accompagnement.",
    "Une coopération durable entre acteurs {dD}, formalisée par une convention.",
    "Un modèle {Ams} en cours d'essaimage dans {K} autres territoires.",
    "Des pratiques {dD} transformées et une meilleure coordination entre partenaires.",
    "{K} nouvelles actions {dD} lancées et un comité de suivi pérennisé.",
    "Le dispositif a été reconduit en {Yn} grâce au soutien {dO2}.",
    "Un guide {dN} publié et diffusé auprès des acteurs du territoire.",
    "Plus de {K2} heures de bénévolat réalisées par les salariés des entreprises partenaires.",
    "Un recul mesurable des situations {dD} sur le territoire concerné.",
    "Un lieu {Ams} ouvert {aAUD} plusieurs jours par semaine.",
    "De nouveaux financements obtenus pour pérenniser l'action.",
    "{K2} [participants|bénéficiaires|habitants] touchés et {K} [ateliers|sessions|rencontres] organisés chaque année.",
    "Une [meilleure|plus grande] visibilité des questions {dD} auprès des élus et des entreprises.",
)

BULLET_INTRODUCTIONS = (
    "Les actions s'organisent autour de plusieurs volets :",
    "Le programme comprend notamment :",
    "Concrètement, les partenaires proposent :",
)
BULLET_TEMPLATES = (
    "des ateliers {dD} animés par des bénévoles",
    "un accompagnement {Ams} {dAUD}",
    "des temps d'échange {dN} avec les entreprises",
    "une permanence {Afs} {aT}",
    "la formation des bénévoles aux questions {dD}",
    "des rencontres {Afp} entre partenaires",
    "un suivi {Ams} des situations {dD}",
    "un espace de ressources {dN}",
)

# Title heads with their grammatical gender, for the article and the adjective's agreement.
TITLE_HEADS = (
    ("alliance", "f"),
    ("réseau", "m"),
    ("plateforme", "f"),
    ("programme", "m"),
    ("atelier", "m"),
    ("collectif", "m"),
    ("laboratoire", "m"),
    ("fabrique", "f"),
    ("parcours", "m"),
    ("pacte", "m"),
    ("initiative", "f"),
    ("démarche", "f"),
    ("coopérative", "f"),
    ("projet", "m"),
    ("dispositif", "m"),
    ("expérimentation", "f"),
    ("coalition", "f"),
    ("espace", "m"),
    ("permanence", "f"),
    ("comptoir", "m"),
)
TITLE_TEMPLATES = (
    "{Head} {A} {dD} {aT}",
    "{Head} {dD} et {dD} pour {AUD}",
    "{T} : {head} {dD}",
    "{T} : {head} {A} {dD} pour {AUD}",
    "Quand {ACTOR} et {ACTOR2} s'allient pour {V} {AUD}",
    "{Head} {dD} dans le quartier des {PLACE}",
    "{Head} {A} {dD} en milieu {SETTING}",
    "Ensemble pour {V} {AUD} {aT}",
    "{Head} {dD} et {dN} {aT}",
)
TITLE_ACTORS = ("associations", "entreprises", "collectivités", "habitants", "fondations", "citoyens")
TITLE_SETTINGS = ("rural", "urbain", "périurbain")
