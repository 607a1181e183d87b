"""The "Moderators" and "Authors" groups with exactly the permissions their work needs.

Moderators (staff, not superusers) work every article's comments, bans, banned phrases, see
reports and read the audit log; they get nothing on users or articles. Authors get the comment
permissions without `moderate_all_articles`, so the admin scopes them to their own articles.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "Moderators"
AUTHORS = "Authors"

GROUP_PERMISSIONS = {
    MODERATORS: {
        "comment": [
            "view_comment",
            "change_comment",
            "moderate_all_articles",
            "close_article_comments",
        ],
        "ban": ["view_ban", "add_ban", "change_ban", "delete_ban"],
        "bannedphrase": [
            "view_bannedphrase",
            "add_bannedphrase",
            "change_bannedphrase",
            "delete_bannedphrase",
        ],
        "report": ["view_report"],
        "auditevent": ["view_auditevent"],
    },
    AUTHORS: {
        "comment": ["view_comment", "change_comment", "close_article_comments"],
        "report": ["view_report"],
        "auditevent": ["view_auditevent"],
    },
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, by_model in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = []
        for model, codenames in by_model.items():
            perms = list(
                Permission.objects.filter(
                    content_type__app_label="comments",
                    content_type__model=model,
                    codename__in=codenames,
                )
            )
            missing = set(codenames) - {p.codename for p in perms}
            if missing:
                raise RuntimeError(f"Missing permissions for {group_name}: {sorted(missing)}")
            wanted.extend(perms)
        group.permissions.set(wanted)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[MODERATORS, AUTHORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("comments", "0002_moderation_desk"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
