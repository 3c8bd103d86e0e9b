"""Seed the shared vocabularies with real product-leadership terms."""

from django.db import migrations
from django.utils.text import slugify

ROLE_FAMILIES = [
    # (name, seniority, position)
    ("Chief Product Officer", "executive", 10),
    ("VP Product", "vp", 20),
    ("Head of Product", "head", 30),
    ("Director of Product", "director", 40),
    ("Group Product Manager", "principal", 50),
    ("Principal Product Manager", "principal", 60),
]

SKILLS = [
    "Product strategy",
    "Roadmapping",
    "Data-driven decision making",
    "UX and design thinking",
    "People management",
    "P&L ownership",
    "Go-to-market",
    "Pricing and monetisation",
    "Platform products",
    "AI/ML products",
    "Regulatory compliance",
    "Stakeholder management",
    "Product discovery",
    "Experimentation and A/B testing",
    "OKRs and goal setting",
    "Hiring and team building",
    "Product-led growth",
    "API and developer products",
    "Mobile products",
    "Marketplace dynamics",
    "Product operations",
    "Technical architecture",
    "Customer research",
    "Budgeting and forecasting",
    "Board and investor communication",
    "International expansion",
    "Agile delivery",
    "Enterprise sales enablement",
    "Payments",
    "Security and privacy by design",
]

INDUSTRIES = [
    "Healthcare",
    "Fintech and financial services",
    "B2B SaaS",
    "E-commerce and retail",
    "Marketplaces",
    "Media and entertainment",
    "Mobility and transport",
    "Education",
    "Insurance",
    "Cybersecurity",
    "Gaming",
    "Travel and hospitality",
    "Telecommunications",
    "Energy and climate",
    "Public sector",
    "Logistics and supply chain",
    "HR tech",
    "Property and real estate",
    "Consumer apps",
    "Developer tools",
]


def seed(apps, schema_editor):
    RoleFamily = apps.get_model("accounts", "RoleFamily")
    Skill = apps.get_model("accounts", "Skill")
    Industry = apps.get_model("accounts", "Industry")
    for name, seniority, position in ROLE_FAMILIES:
        RoleFamily.objects.update_or_create(
            slug=slugify(name), defaults={"name": name, "seniority": seniority, "position": position}
        )
    for name in SKILLS:
        Skill.objects.update_or_create(slug=slugify(name), defaults={"name": name})
    for name in INDUSTRIES:
        Industry.objects.update_or_create(slug=slugify(name), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
