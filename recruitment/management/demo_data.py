"""The hand-written demo world that `manage.py seed_demo` creates for `make run`.

Plain data only (the command turns it into rows): companies, their vacancies with a review history,
candidates with the facts their profile and CV are made of, applications with their stage history,
and a few recruiter notes. Times are "days ago", so the command can place everything relative to
now and the site always looks fresh. Vocabulary values are the slugs of the seeded role families,
skills and industries (accounts/migrations/0002_seed_vocabularies.py)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify

# --- Companies -------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoCompany:
    name: str
    industry: str
    size: str
    description: str
    perks: str  # what its vacancies offer, completing "What we offer: ..."

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def website(self) -> str:
        return f"https://{self.slug.replace('-', '')}.example"


LUMEN = "Lumen Health"  # the demo employer's company

COMPANIES = [
    DemoCompany(
        LUMEN,
        "healthcare",
        "251-1000",
        "Lumen Health builds the clinical workflow software that nurses and doctors in 900 hospitals across "
        "Europe use to hand over patients, order tests and plan discharges. Founded in Amsterdam in 2014 and "
        "profitable since 2021, it serves eleven countries and is now building a data platform that helps "
        "hospitals predict bed capacity a week ahead.",
        "30 days' holiday, a personal learning budget of EUR 2,000 a year, 16 weeks of fully paid parental "
        "leave, and a shadow day on a hospital ward in your first month.",
    ),
    DemoCompany(
        "Brightpay",
        "fintech-and-financial-services",
        "51-250",
        "Brightpay gives vertical software platforms (salon booking, practice management, field-service "
        "tools) embedded card payments, payouts and working-capital loans under their own brand. Backed by "
        "two specialist fintech investors, it processes GBP 4bn a year for 60,000 small businesses in the "
        "UK and Ireland.",
        "share options for everyone, 27 days' holiday plus bank holidays, a private pension with 6% employer "
        "contribution, and private health cover from day one.",
    ),
    DemoCompany(
        "Cartwheel Commerce",
        "e-commerce-and-retail",
        "1001-5000",
        "Cartwheel powers the online shops, tills and stock management of 40,000 independent retailers in "
        "Europe, from bike shops to bookshops. Its merchants sold EUR 3bn through the platform last year. "
        "Cartwheel is headquartered in Berlin, with engineering hubs in Warsaw and Lisbon.",
        "virtual shares, 30 days' holiday, four weeks a year working from anywhere, a mental-health "
        "benefit, and a yearly budget to spend in our merchants' shops.",
    ),
    DemoCompany(
        "Fieldnote Analytics",
        "b2b-saas",
        "51-250",
        "Fieldnote turns product usage data into decisions for B2B software teams: which accounts are about "
        "to churn, which features drive expansion and where onboarding stalls. 700 SaaS companies use it, "
        "and a Series B raised last year funds a self-serve data platform.",
        "meaningful equity, 28 days' holiday, a four-day week every August, and an offsite in the west of "
        "Ireland each spring.",
    ),
    DemoCompany(
        "Harbour Mobility",
        "mobility-and-transport",
        "251-1000",
        "Harbour Mobility runs shared e-bike and e-scooter fleets in 30 European cities and works with city "
        "governments on safe parking and fair pricing. Four million riders took 60 million trips last year, "
        "and the fleet is profitable in 22 of its cities.",
        "free rides everywhere we operate, 25 days' holiday plus RTT days, a transport allowance, and lunch vouchers.",
    ),
    DemoCompany(
        "Tessellate Learning",
        "education",
        "51-250",
        "Tessellate makes adaptive maths and reading practice for primary schools: teachers set the work and "
        "the app adjusts every exercise to the pupil in front of it. Used in 6,000 schools in the Nordics "
        "and the Netherlands, it is launching in the UK and Germany.",
        "six weeks' holiday, a wellness allowance, fully paid parental leave topped up to 90% of salary for "
        "a year, and a day a month in a classroom.",
    ),
    DemoCompany(
        "Gridwise Energy",
        "energy-and-climate",
        "251-1000",
        "Gridwise helps households use cheaper, greener electricity: its app and charger software move "
        "heat-pump and electric-car consumption to the hours when the grid is cleanest. 350,000 homes in "
        "Denmark, Sweden and Germany are connected today.",
        "six weeks' holiday, a pension with 10% employer contribution, an electric-car leasing scheme, and "
        "a home charger installed on us.",
    ),
    DemoCompany(
        "Alder Mutual",
        "insurance",
        "1001-5000",
        "Alder Mutual is a 120-year-old Swiss insurer rebuilding its home and health products as "
        "digital-first services. The product organisation it set up two years ago has 14 teams and already "
        "sells 40% of new policies online.",
        "five weeks' holiday, a generous pension fund, a half-price travel card, and up to two days a week "
        "of remote work.",
    ),
    DemoCompany(
        "Bastion Labs",
        "cybersecurity",
        "251-1000",
        "Bastion Labs protects mid-size companies from account takeover with identity threat detection that "
        "a security team can deploy in an afternoon. It has 1,200 customers in North America and Europe, "
        "offices in New York and London, and closed its Series C this spring.",
        "stock options, medical, dental and vision cover paid in full, a 401(k) match, and a USD 1,500 home "
        "office budget.",
    ),
]


# --- Vacancies ---------------------------------------------------------------------------

# A vacancy's review history: (status it moved to, days ago), oldest first; the last one is its status.
History = tuple[tuple[str, float], ...]


def published(days_ago: float) -> History:
    return (("draft", days_ago + 4), ("pending_review", days_ago + 2), ("published", days_ago))


def closed(*, published_days_ago: float, closed_days_ago: float) -> History:
    return (*published(published_days_ago), ("closed", closed_days_ago))


@dataclass(frozen=True)
class DemoVacancy:
    title: str
    company: str
    family: str
    seniority: str
    min_years: int
    required: tuple[str, ...]
    nice: tuple[str, ...]
    city: str
    country: str
    remote: str
    salary: tuple[int, int]
    currency: str
    about: str
    duties: tuple[str, ...]
    bring: tuple[str, ...]
    history: History
    closes_in_days: int | None = 45
    employment_type: str = "FULL_TIME"
    rejection_reason: str = ""
    close_reason: str = ""

    @property
    def slug(self) -> str:
        return slugify(f"{self.title} {self.company}")

    @property
    def status(self) -> str:
        return self.history[-1][0]


def description(vacancy: DemoVacancy, company: DemoCompany) -> str:
    """The Markdown an employer would have written: the role, the work, the person, the terms
    (the vacancy page shows the company's own description beside it).

    Lists sit straight under a "Heading:" line, the way people write (vacancies.markup renders that),
    so it also reads well as plain text: the employer's own vacancy page shows it as written."""
    sections = [
        vacancy.about,
        "What you will do:\n" + "\n".join(f"- {line}" for line in vacancy.duties),
        "What you bring:\n" + "\n".join(f"- {line}" for line in vacancy.bring),
        f"How we work: {_working_pattern(vacancy)}",
        f"What we offer: {company.perks}",
    ]
    return "\n\n".join(sections)


def _working_pattern(vacancy: DemoVacancy) -> str:
    if vacancy.remote == "remote":
        return (
            f"remote within {_region(vacancy.country)}, with the whole team meeting in {vacancy.city} once a quarter."
        )
    if vacancy.remote == "hybrid":
        return f"hybrid, with two or three days a week in our {vacancy.city} office."
    return f"together in our {vacancy.city} office; we build better products in the same room."


def _region(country: str) -> str:
    return {"US": "North America", "GB": "the UK"}.get(country, "European time zones")


VACANCIES = [
    DemoVacancy(
        "Chief Product Officer",
        LUMEN,
        "chief-product-officer",
        "executive",
        12,
        ("product-strategy", "pl-ownership", "people-management", "regulatory-compliance"),
        ("aiml-products", "board-and-investor-communication"),
        "Amsterdam",
        "NL",
        "hybrid",
        (190_000, 240_000),
        "EUR",
        "Our founding CEO has led product since day one. With 14 product teams and a data platform on the "
        "way, Lumen needs a Chief Product Officer who owns the portfolio end to end. You will join the "
        "executive team, report to the CEO and lead 45 people across product management, design and "
        "clinical content.",
        (
            "Set a three-year product strategy that balances the workflow suite with the new capacity platform",
            "Run the roadmap as a portfolio of bets with owners and outcomes the board can follow",
            "Keep MDR and ISO 13485 obligations designed in, not bolted on, together with the quality team",
            "Hire and coach the two heads of product who will lead our product groups",
        ),
        (
            "12+ years in product, including several running a multi-team organisation with P&L responsibility",
            "Experience building regulated software: medical devices, financial services or similar",
            "A habit of spending time with customers; for us that means wards, not only boardrooms",
            "Fluent English; Dutch or German is a plus",
        ),
        published(32),
        closes_in_days=28,
    ),
    DemoVacancy(
        "Head of Product, Patient Flow",
        LUMEN,
        "head-of-product",
        "head",
        8,
        ("product-strategy", "data-driven-decision-making", "stakeholder-management"),
        ("aiml-products", "customer-research"),
        "Amsterdam",
        "NL",
        "hybrid",
        (135_000, 160_000),
        "EUR",
        "Patient Flow is our fastest-growing product: it shows bed managers which patients will go home "
        "today and which wards will run out of beds tomorrow. You will lead its three teams and take it from "
        "a strong pilot in 40 hospitals to a product every customer runs.",
        (
            "Own the Patient Flow vision, roadmap and adoption targets",
            "Work with data science on forecasts clinicians trust, and be honest about their limits",
            "Build a rollout playbook with the implementation team so a hospital goes live in weeks",
            "Coach three product managers and a product designer",
        ),
        (
            "8+ years in product management, at least three of them leading product managers",
            "Experience with data-heavy or prediction-based products",
            "Patience with hospital procurement and the many people behind one purchase",
        ),
        (("draft", 6), ("pending_review", 2)),
        closes_in_days=50,
    ),
    DemoVacancy(
        "Director of Product, Clinical Data",
        LUMEN,
        "director-of-product",
        "director",
        7,
        ("platform-products", "api-and-developer-products", "security-and-privacy-by-design"),
        ("technical-architecture",),
        "Amsterdam",
        "NL",
        "hybrid",
        (120_000, 140_000),
        "EUR",
        "Hospitals want their data out of silos and inside the tools their clinicians already use. The "
        "Clinical Data group builds the FHIR APIs, integrations and pipelines behind every Lumen product, and "
        "it needs a director to lead it.",
        (
            "Define the integration strategy, starting with FHIR R4 and the HL7 v2 feeds hospitals still run",
            "Treat the platform as a product: documentation, versioning, service levels and a partner programme",
            "Work with security and legal on data-processing agreements and patient privacy",
            "Lead two platform teams and a developer-relations engineer",
        ),
        (
            "7+ years in product, with recent experience of platform or API products",
            "Enough technical depth to debate trade-offs with staff engineers",
            "Knowledge of health data standards is a plus, not a must",
        ),
        (("draft", 3),),
        closes_in_days=60,
    ),
    DemoVacancy(
        "VP Product, Hospital Operations",
        LUMEN,
        "vp-product",
        "vp",
        10,
        ("product-strategy", "people-management", "go-to-market"),
        ("international-expansion",),
        "Amsterdam",
        "NL",
        "hybrid",
        (160_000, 185_000),
        "EUR",
        "Hospital Operations covers rostering, theatre planning and supply tracking: the products that keep "
        "a hospital running behind the scenes. We want a VP Product to bring them together into one suite.",
        (
            "Merge three product lines into one suite with a shared roadmap",
            "Build the business case for the suite with sales and finance",
            "Lead the launch of the suite in Germany and the Nordics",
        ),
        (
            "10+ years in product, including leading other product leaders",
            "A track record of bringing acquired products together",
            "Experience selling to hospitals or other large public buyers",
        ),
        (("draft", 12), ("pending_review", 10), ("rejected", 9)),
        closes_in_days=40,
        rejection_reason=(
            "Before we publish, please add who this role reports to and how many people it leads, and say how "
            "it relates to the Chief Product Officer opening: candidates will ask. Then resubmit."
        ),
    ),
    DemoVacancy(
        "Head of Product, Payments",
        "Brightpay",
        "head-of-product",
        "head",
        8,
        ("product-strategy", "payments", "stakeholder-management"),
        ("pricing-and-monetisation", "api-and-developer-products"),
        "London",
        "GB",
        "hybrid",
        (130_000, 160_000),
        "GBP",
        "Payments is two thirds of Brightpay's revenue and the part of the product our partners' merchants "
        "touch every day. You will lead the card acceptance, payouts and reconciliation teams and report to "
        "the Chief Product Officer.",
        (
            "Own the payments roadmap: Tap to Pay, instant payouts and better dispute handling come first",
            "Raise authorisation rates and lower processing costs with our acquiring and risk partners",
            "Make payments easy to embed: SDKs, documentation and a partner dashboard platforms love",
            "Lead four product managers and work closely with the risk and compliance leads",
        ),
        (
            "8+ years in product, with deep experience of card payments, acquiring or payouts",
            "Comfort with FCA-regulated products and the card-scheme rules behind them",
            "A commercial mind: you know what a basis point is worth",
        ),
        published(21),
        closes_in_days=24,
    ),
    DemoVacancy(
        "Director of Product, Lending",
        "Brightpay",
        "director-of-product",
        "director",
        7,
        ("pricing-and-monetisation", "data-driven-decision-making", "regulatory-compliance"),
        ("payments", "experimentation-and-ab-testing"),
        "London",
        "GB",
        "remote",
        (110_000, 135_000),
        "GBP",
        "Brightpay Capital lends working capital to small businesses against their card takings, repaid as a "
        "share of each day's sales. It lent GBP 120m last year; next, offers become instant and lending comes "
        "to new partner platforms.",
        (
            "Own lending from offer to repayment, including the credit-decision tools built with the risk team",
            "Launch lending on five new partner platforms this year",
            "Design offers that are clear and fair to merchants, in the spirit of the Consumer Duty",
            "Lead two cross-functional squads",
        ),
        (
            "7+ years in product, including lending, credit or another regulated financial product",
            "Strong analytical skills: a cohort chart is where your day starts",
            "Experience working with risk and compliance as partners rather than gatekeepers",
        ),
        published(9),
        closes_in_days=52,
    ),
    DemoVacancy(
        "VP Product",
        "Cartwheel Commerce",
        "vp-product",
        "vp",
        10,
        ("product-strategy", "people-management", "go-to-market"),
        ("marketplace-dynamics", "international-expansion"),
        "Berlin",
        "DE",
        "remote",
        (160_000, 200_000),
        "EUR",
        "Cartwheel's product organisation has grown to 60 people in three countries. As VP Product you will "
        "lead it, sit on the leadership team and set the direction for merchant tools, payments and our young "
        "marketplace.",
        (
            "Set the product strategy with the CEO and turn it into a yearly plan the teams believe in",
            "Lead five group product managers and the design and research leads",
            "Decide where the marketplace fits next to the merchant software, and how fast it should grow",
            "Build an operating model that scales: planning, reviews, metrics and career paths",
        ),
        (
            "10+ years in product, including leading the leaders of product teams",
            "Experience with commerce, software for small businesses or marketplaces",
            "Calm judgement when priorities compete, and clear writing that explains the why",
        ),
        published(26),
        closes_in_days=19,
    ),
    DemoVacancy(
        "Group Product Manager, Growth",
        "Cartwheel Commerce",
        "group-product-manager",
        "principal",
        6,
        ("product-led-growth", "experimentation-and-ab-testing"),
        ("pricing-and-monetisation", "customer-research"),
        "Berlin",
        "DE",
        "hybrid",
        (100_000, 125_000),
        "EUR",
        "Most retailers find Cartwheel on their own and start a free trial. The Growth group owns that "
        "journey, from the first visit to the first sale and the upgrades after it. You will lead it with two "
        "product managers, a designer and an analyst.",
        (
            "Own trial-to-paid conversion and expansion revenue",
            "Run a disciplined experimentation programme: clear hypotheses, honest read-outs",
            "Rework onboarding so a new shop takes its first order within a week",
            "Work with marketing on the pricing page, packaging and lifecycle emails",
        ),
        (
            "6+ years in product, at least two of them owning growth or monetisation",
            "Hands-on experience with experimentation tools and product analytics",
            "Curiosity about small retailers and how they actually run their shops",
        ),
        published(15),
        closes_in_days=33,
    ),
    DemoVacancy(
        "Head of Product, Marketplace",
        "Cartwheel Commerce",
        "head-of-product",
        "head",
        8,
        ("marketplace-dynamics", "product-strategy", "data-driven-decision-making"),
        ("international-expansion", "mobile-products"),
        "Warsaw",
        "PL",
        "hybrid",
        (420_000, 520_000),
        "PLN",
        "Two years ago Cartwheel opened a marketplace where shoppers buy from many independent shops in one "
        "basket. It now brings merchants 12% of their online sales. You will lead the marketplace product from "
        "our Warsaw hub, where most of its engineers sit.",
        (
            "Balance the shopper experience and merchant economics in search, ranking and fees",
            "Grow supply in new categories and new countries",
            "Set up trust and quality measures: delivery promises, returns and seller ratings",
            "Lead three product teams in Warsaw",
        ),
        (
            "8+ years in product, including two-sided marketplaces",
            "A quantitative grounding: ranking, liquidity and take rates are familiar ground",
            "English at work; Polish helps but is not needed",
        ),
        published(5),
        closes_in_days=55,
    ),
    DemoVacancy(
        "Director of Product, Data Platform",
        "Fieldnote Analytics",
        "director-of-product",
        "director",
        7,
        ("platform-products", "data-driven-decision-making", "technical-architecture"),
        ("api-and-developer-products",),
        "Dublin",
        "IE",
        "remote",
        (120_000, 150_000),
        "EUR",
        "Fieldnote's customers increasingly want to bring their own data and build their own analyses. The "
        "Data Platform group builds the warehouse connectors, semantic layer and APIs that make that "
        "possible. You will lead it, reporting to the CEO.",
        (
            "Turn our internal data pipelines into a self-serve platform customers configure themselves",
            "Prioritise connectors and semantic-layer work with usage and revenue data",
            "Partner with engineering leadership on reliability, cost and data residency",
            "Grow the group from two teams to four over the next year",
        ),
        (
            "7+ years in product, including data, analytics or developer platforms",
            "Technical fluency: SQL, data modelling and APIs come naturally",
            "Experience selling to technical buyers alongside a sales team",
        ),
        published(18),
        closes_in_days=30,
    ),
    DemoVacancy(
        "Head of Product",
        "Fieldnote Analytics",
        "head-of-product",
        "head",
        8,
        ("product-strategy", "people-management", "product-discovery"),
        ("product-led-growth",),
        "Dublin",
        "IE",
        "hybrid",
        (125_000, 150_000),
        "EUR",
        "Fieldnote is hiring its first Head of Product to lead the core analytics product and the four "
        "product managers who build it, reporting to the CEO.",
        (
            "Own the core analytics product and its roadmap",
            "Put continuous discovery at the heart of how the teams work",
            "Hire two more product managers and a product designer",
            "Work with sales and customer success on the enterprise plan",
        ),
        (
            "8+ years in product, three or more of them leading product managers",
            "B2B SaaS experience, ideally in analytics or data tools",
            "A strong discovery practice and the examples to show it",
        ),
        closed(published_days_ago=76, closed_days_ago=12),
        closes_in_days=None,
        close_reason="filled",
    ),
    DemoVacancy(
        "Head of Product",
        "Harbour Mobility",
        "head-of-product",
        "head",
        8,
        ("product-strategy", "mobile-products", "people-management"),
        ("experimentation-and-ab-testing",),
        "Paris",
        "FR",
        "onsite",
        (115_000, 140_000),
        "EUR",
        "The rider app is how four million people unlock a Harbour bike or scooter. As Head of Product you "
        "will lead the rider and operations products and the 30 people who build them, from our Paris "
        "headquarters. We test in the street, so the team works on-site together.",
        (
            "Own the rider app, pricing and passes, and the tools our field teams use to charge and repair",
            "Make every ride safer: parking, helmet nudges and speed zones agreed with cities",
            "Use fleet and ride data to place vehicles where riders need them",
            "Lead four product managers and two designers",
        ),
        (
            "8+ years in product, including consumer mobile apps at scale",
            "Experience with operations-heavy products or marketplaces",
            "French is a plus; the team works in English",
        ),
        published(12),
        closes_in_days=36,
    ),
    DemoVacancy(
        "Group Product Manager, Cities and Regulation",
        "Harbour Mobility",
        "group-product-manager",
        "principal",
        6,
        ("stakeholder-management", "regulatory-compliance", "data-driven-decision-making"),
        ("okrs-and-goal-setting",),
        "Lisbon",
        "PT",
        "hybrid",
        (85_000, 105_000),
        "EUR",
        "Cities decide whether Harbour may operate, how many vehicles it may run and where they may park. The "
        "Cities group builds the products that make Harbour a good partner: data sharing, parking zones and "
        "tender responses that win. This is a 12-month contract with a view to a permanent role.",
        (
            "Own the city-facing products: MDS data feeds, dashboards and geofencing tools",
            "Turn tender requirements into roadmap decisions with the public-policy team",
            "Lead two product managers in Lisbon and Paris",
            "Measure what matters to cities: parking compliance, safety and ridership",
        ),
        (
            "6+ years in product management, ideally including government buyers or regulated markets",
            "A knack for explaining product trade-offs to people who are not technologists",
            "Portuguese or another European language is a plus",
        ),
        published(7),
        closes_in_days=21,
        employment_type="CONTRACTOR",
    ),
    DemoVacancy(
        "VP Product",
        "Tessellate Learning",
        "vp-product",
        "vp",
        10,
        ("product-strategy", "people-management", "international-expansion"),
        ("aiml-products", "customer-research"),
        "Stockholm",
        "SE",
        "hybrid",
        (1_450_000, 1_750_000),
        "SEK",
        "Tessellate has product-market fit in the Nordics and the Netherlands. The next chapter is the UK and "
        "Germany, where curricula, procurement and classroom habits differ. You will lead product, design and "
        "learning science, 22 people in all, and report to the CEO.",
        (
            "Set the product strategy for two new markets without breaking what works at home",
            "Bring learning scientists, teachers and engineers into one discovery practice",
            "Ship responsible AI features: feedback that helps pupils, and nothing that replaces the teacher",
            "Build the product leadership team, starting with a Head of Product for the UK",
        ),
        (
            "10+ years in product, several of them leading product organisations",
            "Experience with schools or other public-sector buyers is a strong plus",
            "Experience launching a product in new countries",
            "Care for children's privacy and wellbeing in every decision",
        ),
        published(14),
        closes_in_days=42,
    ),
    DemoVacancy(
        "Director of Product, Home Energy",
        "Gridwise Energy",
        "director-of-product",
        "director",
        7,
        ("mobile-products", "platform-products", "experimentation-and-ab-testing"),
        ("api-and-developer-products", "customer-research"),
        "Copenhagen",
        "DK",
        "hybrid",
        (1_050_000, 1_250_000),
        "DKK",
        "The Gridwise app tells 350,000 households when power is cheap and green, and quietly moves their "
        "heat pump and car charging to those hours. You will lead the home-energy products: the app, the "
        "device integrations and the savings engine behind them.",
        (
            "Own the app and its core measures: connected devices, savings delivered and retention",
            "Add device integrations with hardware partners: heat pumps, batteries and chargers",
            "Explain savings honestly, so customers trust the automation",
            "Lead three product managers and a design lead",
        ),
        (
            "7+ years in product, including a consumer mobile app at scale",
            "Experience with connected devices or hardware partnerships",
            "Interest in the energy transition; the energy-market detail you can learn with us",
        ),
        published(10),
        closes_in_days=47,
    ),
    DemoVacancy(
        "Chief Product Officer",
        "Alder Mutual",
        "chief-product-officer",
        "executive",
        14,
        ("product-strategy", "pl-ownership", "people-management", "regulatory-compliance"),
        ("board-and-investor-communication", "ux-and-design-thinking"),
        "Zurich",
        "CH",
        "hybrid",
        (260_000, 310_000),
        "CHF",
        "Two years into its digital transformation, Alder Mutual sells 40% of new home and health policies "
        "online. As Chief Product Officer you will join the executive board and lead product management, "
        "design and the digital channels: a group of 120 people.",
        (
            "Own the customer journey from quote to claim across home and health insurance",
            "Set portfolio priorities with the business units, each with its own P&L",
            "Raise the bar on design and research across the company",
            "Work with the compliance teams so that compliant products are also simple ones",
        ),
        (
            "14+ years in product, including leading a large product organisation",
            "Experience in insurance, banking or another regulated consumer business",
            "Executive presence with a board and with business-unit heads",
            "German and English; French is a plus",
        ),
        published(20),
        closes_in_days=26,
    ),
    DemoVacancy(
        "Head of Product",
        "Bastion Labs",
        "head-of-product",
        "head",
        9,
        ("security-and-privacy-by-design", "product-strategy", "enterprise-sales-enablement"),
        ("aiml-products", "api-and-developer-products"),
        "New York",
        "US",
        "hybrid",
        (210_000, 250_000),
        "USD",
        "Bastion's detection product is loved by security teams; the next step is a platform that covers the "
        "whole identity attack surface. You will lead product for detection and response, with five product "
        "managers in New York and London, reporting to the CEO.",
        (
            "Set the roadmap for identity threat detection and automated response",
            "Turn feedback from 1,200 customers into clear priorities",
            "Use machine learning where it beats rules, and explain alerts so analysts trust them",
            "Give sales engineers the story and the demo for every release",
        ),
        (
            "9+ years in product, with B2B security, identity or infrastructure products",
            "Experience selling to CISOs and their teams",
            "Able to go deep with engineers on detection logic and false-positive trade-offs",
        ),
        published(8),
        closes_in_days=38,
    ),
    DemoVacancy(
        "Group Product Manager, Integrations",
        "Bastion Labs",
        "group-product-manager",
        "principal",
        6,
        ("api-and-developer-products", "platform-products", "technical-architecture"),
        ("security-and-privacy-by-design",),
        "New York",
        "US",
        "remote",
        (170_000, 195_000),
        "USD",
        "Bastion connects to the identity providers, SaaS apps and SIEMs our customers already run. The "
        "Integrations group owns those connectors and the public API, and you can lead it from anywhere in "
        "North America.",
        (
            "Prioritise new integrations with usage, pipeline and partner data",
            "Make the public API and webhooks a product in their own right",
            "Build a partner programme with our technology alliances team",
            "Lead two product managers and work with a dedicated integrations engineering team",
        ),
        (
            "6+ years in product, including API, platform or integration products",
            "Comfort reading API documentation and discussing OAuth scopes with engineers",
            "Experience working with technology partners",
        ),
        published(3),
        closes_in_days=58,
    ),
]


# --- Candidates --------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoCandidate:
    email: str
    first: str
    last: str
    headline: str
    title: str
    years: int
    seniority: str
    families: tuple[str, ...]
    skills: tuple[str, ...]
    industries: tuple[str, ...]
    city: str
    country: str
    remote: str
    salary_floor: int
    currency: str
    notice_weeks: int
    alerts: str
    joined_days_ago: int
    summary: str  # the CV's profile paragraph
    career: tuple[str, ...]  # the CV's experience, newest first: "2020 - today: Role, Company. What changed."
    relocate: bool = False
    open_to_opportunities: bool = True

    @property
    def linkedin_url(self) -> str:
        return f"https://www.linkedin.com/in/{slugify(f'{self.first} {self.last}')}-demo"


DEMO_CANDIDATE_EMAIL = "candidate@northstar.example"

CANDIDATES = [
    DemoCandidate(
        DEMO_CANDIDATE_EMAIL,
        "Camille",
        "Durand",
        "CPO who scaled two healthtech platforms",
        "VP Product",
        15,
        "vp",
        ("chief-product-officer", "vp-product"),
        (
            "product-strategy",
            "pl-ownership",
            "people-management",
            "regulatory-compliance",
            "aiml-products",
            "hiring-and-team-building",
            "stakeholder-management",
        ),
        ("healthcare", "b2b-saas"),
        "Amsterdam",
        "NL",
        "hybrid",
        180_000,
        "EUR",
        12,
        "instant",
        64,
        "Product leader with 15 years in healthtech and B2B SaaS. I took a clinical scheduling product from 40 "
        "to 400 hospital customers and built a product organisation of 35 across Amsterdam and Lyon. At home "
        "with MDR, board reporting and owning a P&L; happiest when product, clinicians and engineers decide "
        "together.",
        (
            "2020 - today: VP Product, Caremesh (clinical scheduling SaaS, 450 people). Grew ARR from EUR 18m "
            "to EUR 64m; led 5 product teams through MDR class IIa certification.",
            "2016 - 2020: Head of Product, CareLoop (remote patient monitoring). Launched in France and "
            "Germany; built the product team from 3 to 14.",
            "2010 - 2016: Product Manager, then Senior Product Manager, Veldhoven Medical Systems.",
        ),
        relocate=True,
    ),
    DemoCandidate(
        "arjun@example.com",
        "Arjun",
        "Mehta",
        "Payments product leader, ex-fintech unicorn",
        "Director of Product",
        11,
        "director",
        ("head-of-product", "director-of-product"),
        ("product-strategy", "payments", "stakeholder-management", "pricing-and-monetisation", "regulatory-compliance"),
        ("fintech-and-financial-services",),
        "London",
        "GB",
        "hybrid",
        120_000,
        "GBP",
        12,
        "daily",
        41,
        "Eleven years building payments products, the last five leading teams at a fintech that went from 30 "
        "to 1,100 people. I know card acquiring, open banking and payouts from the scheme rules up, and I like "
        "turning basis points into roadmaps.",
        (
            "2019 - today: Director of Product, Acquiring, Paynest. Cut processing costs by 18 bps and launched "
            "instant payouts in 9 markets.",
            "2015 - 2019: Senior Product Manager, Open Banking, Corra Bank.",
            "2013 - 2015: Business Analyst, a payments consultancy in London.",
        ),
    ),
    DemoCandidate(
        "sofia@example.com",
        "Sofia",
        "Rossi",
        "Marketplace and growth product lead",
        "Group Product Manager",
        7,
        "principal",
        ("group-product-manager", "head-of-product"),
        (
            "product-led-growth",
            "experimentation-and-ab-testing",
            "marketplace-dynamics",
            "customer-research",
            "pricing-and-monetisation",
        ),
        ("marketplaces", "e-commerce-and-retail"),
        "Lisbon",
        "PT",
        "any",
        95_000,
        "EUR",
        8,
        "weekly",
        88,
        "Growth-minded product lead with seven years in marketplaces and commerce. I run experimentation "
        "programmes that teams trust, and I have grown seller activation and buyer conversion at two "
        "European marketplaces.",
        (
            "2021 - today: Group Product Manager, Growth, Vendi (second-hand fashion marketplace). Lifted "
            "seller activation from 31% to 47%.",
            "2017 - 2021: Product Manager, Checkout and Payments, Casa&Co.",
        ),
        relocate=True,
    ),
    DemoCandidate(
        "henrik.lindberg@example.com",
        "Henrik",
        "Lindberg",
        "Chief Product Officer in Nordic healthtech; two products through MDR",
        "Chief Product Officer",
        18,
        "executive",
        ("chief-product-officer",),
        (
            "product-strategy",
            "pl-ownership",
            "regulatory-compliance",
            "people-management",
            "board-and-investor-communication",
        ),
        ("healthcare", "insurance"),
        "Stockholm",
        "SE",
        "hybrid",
        2_000_000,
        "SEK",
        26,
        "instant",
        120,
        "Chief Product Officer with 18 years in digital health and insurance. I have taken two medical "
        "software products through MDR certification and led a product and design organisation of 60.",
        (
            "2018 - today: Chief Product Officer, Vardkedjan (digital primary care, 700 people).",
            "2012 - 2018: Head of Digital Products, Nordlys Insurance.",
            "2006 - 2012: Product Manager, a Stockholm medtech company.",
        ),
        relocate=True,
    ),
    DemoCandidate(
        "amara.nwosu@example.com",
        "Amara",
        "Nwosu",
        "VP Product for B2B SaaS; data products used by 2,000 companies",
        "VP Product",
        13,
        "vp",
        ("vp-product", "chief-product-officer"),
        (
            "product-strategy",
            "data-driven-decision-making",
            "platform-products",
            "people-management",
            "go-to-market",
            "okrs-and-goal-setting",
        ),
        ("b2b-saas", "healthcare"),
        "London",
        "GB",
        "any",
        150_000,
        "GBP",
        12,
        "daily",
        95,
        "Thirteen years in B2B SaaS, the last six as a product executive. I build data products that customers "
        "run their business on, and product organisations that set their own goals and meet them.",
        (
            "2019 - today: VP Product, Quantly (analytics for operations teams). Led 7 teams; net revenue "
            "retention from 104% to 121%.",
            "2014 - 2019: Director of Product, a health-data SaaS company in London.",
            "2011 - 2014: Product Manager, an enterprise reporting vendor.",
        ),
        relocate=True,
    ),
    DemoCandidate(
        "jonas.weber@example.com",
        "Jonas",
        "Weber",
        "Head of Product for commerce platforms; 0 to EUR 500m GMV",
        "Head of Product",
        10,
        "head",
        ("head-of-product", "vp-product"),
        (
            "marketplace-dynamics",
            "product-strategy",
            "international-expansion",
            "data-driven-decision-making",
            "people-management",
        ),
        ("e-commerce-and-retail", "marketplaces"),
        "Berlin",
        "DE",
        "hybrid",
        140_000,
        "EUR",
        12,
        "instant",
        52,
        "Commerce product leader: I helped take a B2B ordering platform from launch to EUR 500m in yearly "
        "volume across six countries, and I enjoy the mix of merchant software and marketplace economics.",
        (
            "2020 - today: Head of Product, Orderwell (B2B ordering for retailers). Launched in 5 new countries.",
            "2016 - 2020: Senior Product Manager, Marketplace, Stilhaus.",
            "2014 - 2016: Product Owner, a Berlin e-commerce agency.",
        ),
    ),
    DemoCandidate(
        "chloe.martin@example.com",
        "Chloé",
        "Martin",
        "Head of Product for consumer mobile apps; 9 years in mobility",
        "Head of Product",
        9,
        "head",
        ("head-of-product", "director-of-product"),
        (
            "mobile-products",
            "experimentation-and-ab-testing",
            "people-management",
            "product-discovery",
            "ux-and-design-thinking",
        ),
        ("mobility-and-transport", "travel-and-hospitality"),
        "Paris",
        "FR",
        "hybrid",
        120_000,
        "EUR",
        12,
        "weekly",
        37,
        "Nine years building consumer mobile products in mobility and travel. I lead teams that ship weekly, "
        "test with real riders and travellers, and keep the app simple as the business gets complicated.",
        (
            "2020 - today: Head of Product, Rider, Velora (car-pooling app, 9m users).",
            "2015 - 2020: Product Manager, then Lead PM, a French rail-booking app.",
        ),
    ),
    DemoCandidate(
        "siobhan.kelly@example.com",
        "Siobhán",
        "Kelly",
        "Director of Product for data and developer platforms",
        "Director of Product",
        8,
        "director",
        ("director-of-product", "group-product-manager", "head-of-product"),
        (
            "platform-products",
            "api-and-developer-products",
            "technical-architecture",
            "data-driven-decision-making",
            "agile-delivery",
        ),
        ("b2b-saas", "developer-tools"),
        "Dublin",
        "IE",
        "remote",
        115_000,
        "EUR",
        4,
        "instant",
        77,
        "Former engineer, product leader for eight years. I build platforms and APIs that developers choose, "
        "and I am at my best where technical depth and commercial judgement meet.",
        (
            "2021 - today: Director of Product, Platform, Streamline (workflow automation SaaS).",
            "2017 - 2021: Senior Product Manager, APIs, a Dublin payments company.",
            "2012 - 2017: Software Engineer, then Tech Lead.",
        ),
    ),
    DemoCandidate(
        "niamh.byrne@example.com",
        "Niamh",
        "Byrne",
        "Product leader in B2B analytics; discovery-led and team-first",
        "Head of Product",
        9,
        "head",
        ("head-of-product",),
        ("product-strategy", "product-discovery", "people-management", "product-led-growth", "customer-research"),
        ("b2b-saas",),
        "Dublin",
        "IE",
        "hybrid",
        130_000,
        "EUR",
        4,
        "off",
        130,
        "Product leader with nine years in B2B analytics. I coach teams to talk to customers every week and "
        "to measure outcomes, and I have built two product teams from scratch.",
        (
            "Next: Head of Product, Fieldnote Analytics.",
            "2019 - today: Group Product Manager, Tallyroom Data. Built the self-serve product and its team.",
            "2015 - 2019: Product Manager, a Dublin SaaS start-up.",
        ),
        open_to_opportunities=False,
    ),
    DemoCandidate(
        "lars.kristensen@example.com",
        "Lars",
        "Kristensen",
        "Director of Product for connected-home and energy apps",
        "Director of Product",
        9,
        "director",
        ("director-of-product", "head-of-product"),
        (
            "mobile-products",
            "platform-products",
            "experimentation-and-ab-testing",
            "api-and-developer-products",
            "customer-research",
        ),
        ("energy-and-climate", "consumer-apps"),
        "Copenhagen",
        "DK",
        "hybrid",
        1_000_000,
        "DKK",
        12,
        "daily",
        29,
        "Nine years of consumer and IoT products. I led the app and device platform of a smart-heating "
        "company through 20 hardware integrations, and I care about the energy transition.",
        (
            "2019 - today: Director of Product, Varmt (smart heating, 180,000 homes).",
            "2015 - 2019: Product Manager, Mobile, a Danish bank.",
        ),
    ),
    DemoCandidate(
        "ingrid.solberg@example.com",
        "Ingrid",
        "Solberg",
        "VP Product in edtech; launched in five countries",
        "VP Product",
        12,
        "vp",
        ("vp-product", "head-of-product"),
        ("product-strategy", "international-expansion", "people-management", "customer-research", "aiml-products"),
        ("education", "consumer-apps"),
        "Oslo",
        "NO",
        "any",
        1_700_000,
        "NOK",
        12,
        "weekly",
        58,
        "Twelve years in consumer and education products. I took a language-learning app into five countries "
        "and built a product organisation that works hand in hand with teachers and researchers.",
        (
            "2019 - today: VP Product, Lingo Nord (language learning, 4m learners).",
            "2013 - 2019: Head of Product, a Norwegian schoolbook publisher's digital arm.",
        ),
        relocate=True,
    ),
    DemoCandidate(
        "daniel.keller@example.com",
        "Daniel",
        "Keller",
        "Head of digital products at a Swiss insurer; CPO-ready",
        "Head of Digital Products",
        14,
        "vp",
        ("chief-product-officer", "vp-product"),
        (
            "product-strategy",
            "regulatory-compliance",
            "ux-and-design-thinking",
            "pl-ownership",
            "stakeholder-management",
            "people-management",
        ),
        ("insurance", "fintech-and-financial-services"),
        "Zurich",
        "CH",
        "hybrid",
        240_000,
        "CHF",
        13,
        "instant",
        23,
        "Fourteen years in financial services, the last seven leading digital products at a Swiss insurer. "
        "I moved 35% of policy sales online and built a design practice the business now asks for by name.",
        (
            "2018 - today: Head of Digital Products, Matterhorn Leben (home and life insurance).",
            "2012 - 2018: Product Owner, then Product Lead, a Zurich private bank.",
            "2010 - 2012: Consultant, a Swiss strategy firm.",
        ),
    ),
    DemoCandidate(
        "marcus.johnson@example.com",
        "Marcus",
        "Johnson",
        "Head of Product for security and identity; former founder",
        "Head of Product",
        11,
        "head",
        ("head-of-product", "vp-product"),
        (
            "security-and-privacy-by-design",
            "enterprise-sales-enablement",
            "product-strategy",
            "aiml-products",
            "api-and-developer-products",
        ),
        ("cybersecurity", "b2b-saas"),
        "New York",
        "US",
        "hybrid",
        200_000,
        "USD",
        3,
        "instant",
        19,
        "Security product leader and former founder. I started an identity-security company that was acquired "
        "in 2021, then led its product inside the acquirer; I speak the language of CISOs and of engineers.",
        (
            "2021 - today: Head of Product, Identity, Sentrix (after it acquired my company).",
            "2016 - 2021: Co-founder and CPO, KeyWarden (identity security, acquired).",
            "2013 - 2016: Product Manager, a New York security vendor.",
        ),
    ),
    DemoCandidate(
        "priya.raman@example.com",
        "Priya",
        "Raman",
        "Group PM for APIs and integrations",
        "Group Product Manager",
        7,
        "principal",
        ("group-product-manager", "principal-product-manager"),
        ("api-and-developer-products", "platform-products", "technical-architecture", "agile-delivery"),
        ("developer-tools", "cybersecurity"),
        "Austin",
        "US",
        "remote",
        165_000,
        "USD",
        3,
        "daily",
        15,
        "Seven years in developer products. I lead the integrations platform at a developer-tools company and "
        "have shipped more than 80 connectors and a public API used by 3,000 customers.",
        (
            "2021 - today: Group Product Manager, Integrations, Pipelane (developer tools).",
            "2017 - 2021: Product Manager, API Platform, a US security company.",
        ),
    ),
    DemoCandidate(
        "katarzyna.wojcik@example.com",
        "Katarzyna",
        "Wójcik",
        "Marketplace product leader; grew a C2C marketplace to 8m users",
        "Head of Product",
        9,
        "head",
        ("head-of-product", "director-of-product"),
        (
            "marketplace-dynamics",
            "data-driven-decision-making",
            "mobile-products",
            "experimentation-and-ab-testing",
            "product-strategy",
        ),
        ("marketplaces", "e-commerce-and-retail"),
        "Warsaw",
        "PL",
        "hybrid",
        380_000,
        "PLN",
        12,
        "instant",
        21,
        "Nine years in marketplaces. I grew a Polish second-hand marketplace from 1m to 8m users and led its "
        "search, ranking and trust teams.",
        (
            "2019 - today: Head of Product, Odzysk (C2C marketplace, 8m users).",
            "2015 - 2019: Product Manager, Search, a Warsaw e-commerce group.",
        ),
    ),
    DemoCandidate(
        "tom.fletcher@example.com",
        "Tom",
        "Fletcher",
        "Payments and lending product director",
        "Director of Product",
        8,
        "director",
        ("director-of-product", "group-product-manager"),
        (
            "payments",
            "pricing-and-monetisation",
            "data-driven-decision-making",
            "regulatory-compliance",
            "experimentation-and-ab-testing",
        ),
        ("fintech-and-financial-services", "insurance"),
        "Manchester",
        "GB",
        "remote",
        105_000,
        "GBP",
        8,
        "weekly",
        47,
        "Eight years in fintech product, mostly lending and payments for small businesses. I launched a "
        "revenue-based financing product that lent GBP 200m in its first two years.",
        (
            "2020 - today: Director of Product, Lending, Tillfund (small-business finance).",
            "2016 - 2020: Product Manager, Payments, a UK challenger bank.",
        ),
    ),
]


# --- Applications and notes ------------------------------------------------------------------

# An application's stage history: (stage it moved to, days ago), oldest first, starting at "applied".
Steps = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class DemoApplication:
    candidate: str  # email
    vacancy: str  # slug
    steps: Steps
    cover_letter: str = ""

    @property
    def stage(self) -> str:
        return self.steps[-1][0]


LUMEN_CPO = "chief-product-officer-lumen-health"

APPLICATIONS = [
    # Lumen Health's CPO: the demo employer's applicants page.
    DemoApplication(
        DEMO_CANDIDATE_EMAIL,
        LUMEN_CPO,
        (("applied", 27), ("screening", 24), ("shortlisted", 19), ("interview", 9)),
        "I have spent the last nine years building clinical software that nurses actually want to use, most "
        "recently taking Caremesh through MDR certification while growing it tenfold. Lumen's move from "
        "workflow tools to capacity planning is exactly the kind of portfolio shift I would love to lead.",
    ),
    DemoApplication(
        "henrik.lindberg@example.com",
        LUMEN_CPO,
        (("applied", 29), ("screening", 25), ("shortlisted", 17)),
        "As CPO at Vardkedjan I lead 60 people across product and design in a regulated setting. I would "
        "relocate to Amsterdam for the right role, and this is one.",
    ),
    DemoApplication(
        "amara.nwosu@example.com",
        LUMEN_CPO,
        (("applied", 15), ("screening", 11)),
        "Data products for hospitals are where I started my career; coming back to healthcare as a CPO, with "
        "six years of leading SaaS product organisations behind me, is a move I have been waiting for.",
    ),
    DemoApplication(
        "arjun@example.com",
        LUMEN_CPO,
        (("applied", 24), ("rejected", 21)),
        "I know this would be a move from payments into healthcare, but regulated products are my daily "
        "work and I would bring a strong commercial lens.",
    ),
    DemoApplication("daniel.keller@example.com", LUMEN_CPO, (("applied", 2),)),
    # The demo candidate's other applications.
    DemoApplication(
        DEMO_CANDIDATE_EMAIL,
        "vp-product-cartwheel-commerce",
        (("applied", 20), ("screening", 16), ("shortlisted", 11)),
        "Outside healthcare, commerce software for small businesses is the space I follow most closely. I "
        "would bring experience of scaling a product organisation across two countries.",
    ),
    DemoApplication(DEMO_CANDIDATE_EMAIL, "chief-product-officer-alder-mutual", (("applied", 4),)),
    # Fieldnote's Head of Product, filled and closed.
    DemoApplication(
        "niamh.byrne@example.com",
        "head-of-product-fieldnote-analytics",
        (("applied", 70), ("screening", 66), ("shortlisted", 60), ("interview", 50), ("offer", 30), ("hired", 18)),
        "I have built a discovery-led product team at an analytics company before, and Fieldnote is the "
        "product I recommend to every SaaS founder I meet.",
    ),
    DemoApplication(
        "siobhan.kelly@example.com",
        "head-of-product-fieldnote-analytics",
        (("applied", 68), ("screening", 64), ("shortlisted", 58), ("interview", 49), ("rejected", 40)),
    ),
    DemoApplication(
        "amara.nwosu@example.com",
        "head-of-product-fieldnote-analytics",
        (("applied", 72), ("screening", 69), ("withdrawn", 62)),
    ),
    # Everywhere else.
    DemoApplication(
        "arjun@example.com",
        "head-of-product-payments-brightpay",
        (("applied", 18), ("screening", 15), ("shortlisted", 11), ("interview", 6), ("offer", 2)),
        "Payments for software platforms is exactly what I have built for the last five years; I would love to "
        "bring Tap to Pay and instant payouts to Brightpay's partners.",
    ),
    DemoApplication(
        "tom.fletcher@example.com",
        "head-of-product-payments-brightpay",
        (("applied", 19), ("rejected", 14)),
    ),
    DemoApplication(
        "tom.fletcher@example.com",
        "director-of-product-lending-brightpay",
        (("applied", 7), ("screening", 4)),
        "I launched revenue-based financing at Tillfund and lent GBP 200m in two years. Brightpay's partner "
        "model is the distribution that product always lacked.",
    ),
    DemoApplication(
        "jonas.weber@example.com",
        "vp-product-cartwheel-commerce",
        (("applied", 22), ("screening", 18), ("shortlisted", 13), ("interview", 5)),
        "Merchant software and marketplace economics in one role: that is the job I have been preparing for.",
    ),
    DemoApplication(
        "sofia@example.com",
        "group-product-manager-growth-cartwheel-commerce",
        (("applied", 13), ("screening", 10), ("shortlisted", 6)),
        "Trial-to-paid conversion is my favourite problem. At Vendi I lifted seller activation by 16 points "
        "with a programme of 40 experiments a quarter.",
    ),
    DemoApplication(
        "sofia@example.com",
        "group-product-manager-cities-and-regulation-harbour-mobility",
        (("applied", 4),),
        "I moved to Lisbon last year and ride with Harbour most days. Growth work taught me to read a city's "
        "data; I would love to use that with the people who regulate it.",
    ),
    DemoApplication(
        "katarzyna.wojcik@example.com",
        "head-of-product-marketplace-cartwheel-commerce",
        (("applied", 3),),
        "I grew a Polish marketplace from 1m to 8m users and would love to do the same for independent shops.",
    ),
    DemoApplication(
        "siobhan.kelly@example.com",
        "director-of-product-data-platform-fieldnote-analytics",
        (("applied", 14), ("screening", 11), ("shortlisted", 8), ("interview", 3)),
        "Having interviewed for your Head of Product role, I kept following Fieldnote: the data platform "
        "fits my background even better.",
    ),
    DemoApplication(
        "chloe.martin@example.com",
        "head-of-product-harbour-mobility",
        (("applied", 10), ("screening", 7), ("shortlisted", 4)),
        "I have spent nine years on mobility apps in Paris and ride a Harbour bike to work every day.",
    ),
    DemoApplication(
        "ingrid.solberg@example.com",
        "vp-product-tessellate-learning",
        (("applied", 11), ("screening", 8), ("interview", 2)),
        "Launching an education product in new countries is what I did at Lingo Nord, five times.",
    ),
    DemoApplication(
        "lars.kristensen@example.com",
        "director-of-product-home-energy-gridwise-energy",
        (("applied", 8), ("screening", 5)),
    ),
    DemoApplication(
        "marcus.johnson@example.com",
        "head-of-product-bastion-labs",
        (("applied", 6), ("screening", 4), ("shortlisted", 1)),
        "I founded an identity-security company and sold it; building the platform Bastion describes is the "
        "obvious next step for me.",
    ),
    DemoApplication(
        "daniel.keller@example.com",
        "chief-product-officer-alder-mutual",
        (("applied", 16), ("screening", 12), ("shortlisted", 8), ("interview", 4)),
        "I know Swiss insurance from the inside and have moved a third of policy sales online. I would bring "
        "that experience to Alder's next chapter.",
    ),
    DemoApplication(
        "priya.raman@example.com",
        "group-product-manager-integrations-bastion-labs",
        (("applied", 2),),
    ),
]


@dataclass(frozen=True)
class DemoNote:
    candidate: str  # email
    vacancy: str | None  # slug of the application the note is about, if any
    days_ago: float
    body: str


NOTES = [
    DemoNote(
        DEMO_CANDIDATE_EMAIL,
        LUMEN_CPO,
        8.8,
        "Interview debrief: strong on regulated-product strategy and on building teams. Lumen's CEO wants a "
        "second conversation about the data platform. Reference call with her current CEO booked.",
    ),
    DemoNote(
        "henrik.lindberg@example.com",
        LUMEN_CPO,
        16.7,
        "Shortlisted by Lumen. Six months' notice in Sweden: raise it with Ethan before the interviews.",
    ),
    DemoNote(
        "arjun@example.com",
        "head-of-product-payments-brightpay",
        1.8,
        "Offer sent: GBP 152k base plus options. Arjun wants to discuss the office pattern before he accepts.",
    ),
    DemoNote(
        "niamh.byrne@example.com",
        "head-of-product-fieldnote-analytics",
        17.5,
        "Accepted Fieldnote's offer and starts next month. Profile switched to not looking; alerts off.",
    ),
    DemoNote(
        "katarzyna.wojcik@example.com",
        None,
        20.3,
        "Met at a product meet-up in Warsaw. Open to Head of Product roles in marketplaces, Warsaw or remote. "
        "Would rather move after her bonus is paid in the spring.",
    ),
    DemoNote(
        "marcus.johnson@example.com",
        "head-of-product-bastion-labs",
        0.9,
        "Bastion's CEO liked the founder background. First call with her next week.",
    ),
]
