"""The deployment files cannot be run here (no Docker engine, no Kubernetes): this keeps them
honest (issue 15). Every variable they set is read by the settings (or gunicorn.conf.py) and
every variable read is documented; their probes answer; the image's command is the one
`make run` uses; images are pinned; migrations run once, as a release step."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.test import Client

from portal import healthcheck

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "k8s"
OUR_IMAGE = "hromady-portal"
RELEASE = ["sh", "-c", "python manage.py migrate --noinput && python manage.py createcachetable"]
# Read by compose itself to fill compose.yaml, never by the site (.env.example says so).
COMPOSE_ONLY = {"POSTGRES_PASSWORD", "PORTAL_VERSION"}


def k8s_objects():
    objects = []
    for path in sorted(K8S.glob("*.yaml")):
        objects += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    return objects


def k8s_object(kind, name=None):
    (found,) = [
        doc
        for doc in k8s_objects()
        if doc["kind"] == kind and (name is None or doc["metadata"]["name"] == name)
    ]
    return found


def compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def pod_specs():
    """Every pod template of ours: the Deployment's, the Job's, the CronJobs'."""
    for doc in k8s_objects():
        if doc["kind"] in {"Deployment", "Job"}:
            yield doc["spec"]["template"]["spec"]
        elif doc["kind"] == "CronJob":
            yield doc["spec"]["jobTemplate"]["spec"]["template"]["spec"]


def our_services():
    return {
        name: service
        for name, service in compose()["services"].items()
        if service["image"].startswith(OUR_IMAGE)
    }


@pytest.fixture(scope="module")
def settings_variables():
    """Every variable portal/settings.py reads (django-environ's get_value, recorded in a fresh
    process with every optional part switched on), gunicorn.conf.py reads and manage.py sets."""
    code = (
        "import environ, json\n"
        "read = set()\n"
        "get_value = environ.Env.get_value\n"
        "def recording(self, var, *args, **kwargs):\n"
        "    read.add(var)\n"
        "    return get_value(self, var, *args, **kwargs)\n"
        "environ.Env.get_value = recording\n"
        "import portal.settings\n"
        "print(json.dumps(sorted(read)))\n"
    )
    everything_on = {
        "SECRET_KEY": "x",
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": "postgres://p@db/p",
        "DATABASE_REPLICA_URL": "postgres://p@replica/p",
        "REDIS_URL": "redis://cache:6379/0",
        "AWS_STORAGE_BUCKET_NAME": "bucket",
        "HTTPS": "on",
        "DEBUG": "false",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, **everything_on},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    read = set(json.loads(result.stdout))
    gunicorn = re.findall(r'os\.environ\.get\("([A-Z_]+)"', (ROOT / "gunicorn.conf.py").read_text())
    assert {"WEB_CONCURRENCY", "WEB_THREADS", "WEB_TIMEOUT", "LOG_FORMAT"} <= set(gunicorn)
    assert {"DATABASE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "LOG_STREAM"} <= read
    return read | set(gunicorn)


def documented_in_env_example():
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", text, re.MULTILINE))


def documented_in_deployment_guide():
    text = (ROOT / "docs" / "deployment.md").read_text()
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", text, re.MULTILINE))


# --- Every variable set is read; every variable read is documented ---


def test_every_variable_the_site_reads_is_documented(settings_variables):
    assert settings_variables - documented_in_env_example() == set()
    assert settings_variables - documented_in_deployment_guide() == set()
    # and nothing documented that nothing reads
    assert documented_in_env_example() - settings_variables == COMPOSE_ONLY


def test_every_variable_compose_sets_for_the_app_is_read_by_the_site(settings_variables):
    services = our_services()
    assert set(services) == {"app", "migrate"}
    for service in services.values():
        assert set(service["environment"]) <= settings_variables
        assert service["env_file"] == ".env"  # the secrets: from a file, never in compose.yaml
    interpolated = set(re.findall(r"\$\{([A-Z_]+)", (ROOT / "compose.yaml").read_text()))
    assert interpolated == COMPOSE_ONLY


def test_every_variable_kubernetes_sets_is_read_by_the_site(settings_variables):
    config = set(k8s_object("ConfigMap")["data"])
    secret = set(k8s_object("Secret")["stringData"])
    assert config <= settings_variables
    assert secret <= settings_variables
    # secrets only in the Secret
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "AWS_SECRET_ACCESS_KEY"} <= secret
    assert not config & {"SECRET_KEY", "DATABASE_URL", "AWS_SECRET_ACCESS_KEY", "EMAIL_URL"}
    # managed services, by URL
    assert {"DATABASE_URL", "REDIS_URL"} <= secret
    assert {"AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL"} <= config
    for spec in pod_specs():
        for container in spec["containers"]:
            assert {name for entry in container.get("env", []) for name in [entry["name"]]} <= (
                settings_variables
            )
            assert container["envFrom"] == [
                {"configMapRef": {"name": "portal-config"}},
                {"secretRef": {"name": "portal-secrets"}},
            ]


def test_the_image_sets_only_variables_the_site_reads(settings_variables):
    dockerfile = (ROOT / "Dockerfile").read_text()
    runtime = dockerfile.split("AS runtime", 1)[1]
    env_block = re.search(r"^ENV (.*?)(?<!\\)$", runtime, re.MULTILINE | re.DOTALL).group(1)
    names = set(re.findall(r"([A-Z][A-Z0-9_]*)=", env_block))
    python_own = {"PATH", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED"}
    assert names - python_own <= settings_variables


# --- The probes answer ---


def probes():
    deployment = k8s_object("Deployment")
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    return [container["readinessProbe"], container["livenessProbe"]]


@pytest.mark.django_db
def test_the_kubernetes_probes_answer_as_the_pods_would_be_asked(settings):
    # The pods' settings: the ConfigMap's hosts and HTTPS on.
    config = k8s_object("ConfigMap")["data"]
    settings.ALLOWED_HOSTS = config["ALLOWED_HOSTS"].split(",")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    for probe in probes():
        get = probe["httpGet"]
        headers = {
            f"HTTP_{header['name'].upper().replace('-', '_')}": header["value"]
            for header in get["httpHeaders"]
        }
        response = Client().get(get["path"], **headers)
        assert response.status_code == 200, (get, response.status_code)
        # Without the Host header a real kubelet sends the pod's address: refused.
        assert Client().get(get["path"], HTTP_HOST="10.1.2.3").status_code == 400
    readiness, liveness = probes()
    # An outage of the database makes the pods unready long before they are restarted.
    outage = liveness["periodSeconds"] * liveness["failureThreshold"]
    assert outage >= 60 > readiness["periodSeconds"] * readiness["failureThreshold"]


@pytest.mark.django_db
def test_the_image_healthcheck_asks_the_probe_path_on_the_served_port(client):
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'CMD ["python", "-m", "portal.healthcheck"]' in dockerfile
    url = urlsplit(healthcheck.URL)
    assert client.get(url.path).status_code == 200
    assert url.port == image_port()


# --- The image's command is gunicorn with gunicorn.conf.py, the same as make run ---


def image_command():
    dockerfile = (ROOT / "Dockerfile").read_text()
    (command,) = re.findall(r"^CMD (\[.*\])$", dockerfile, re.MULTILINE)
    return json.loads(command)


def image_port():
    (port,) = re.findall(r"^EXPOSE (\d+)$", (ROOT / "Dockerfile").read_text(), re.MULTILINE)
    return int(port)


def test_the_image_runs_gunicorn_with_gunicorn_conf_py():
    command = image_command()
    assert command[:4] == ["gunicorn", "portal.wsgi", "--config", "gunicorn.conf.py"]
    assert (ROOT / command[3]).is_file()
    # What gunicorn.conf.py decides from the environment is not overridden on the command line.
    config = (ROOT / "gunicorn.conf.py").read_text()
    for option, name in [("--workers", "workers"), ("--threads", "threads"), ("-w", "workers")]:
        assert option not in command
        assert re.search(rf"^{name} = ", config, re.MULTILINE)
    assert command[4:] == ["--bind", f"0.0.0.0:{image_port()}"]
    # make run starts the same application with the same file.
    makefile = (ROOT / "Makefile").read_text()
    assert "gunicorn portal.wsgi --config gunicorn.conf.py --bind" in makefile


def test_the_pods_listen_where_the_image_serves_and_the_service_sends():
    deployment = k8s_object("Deployment")
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    (port,) = container["ports"]
    assert port["containerPort"] == image_port()
    assert "command" not in container and "args" not in container  # the image's own
    (service_port,) = k8s_object("Service")["spec"]["ports"]
    assert service_port["targetPort"] == port["name"]
    selector = k8s_object("Service")["spec"]["selector"]
    assert selector.items() <= deployment["spec"]["template"]["metadata"]["labels"].items()
    published = our_services()["app"]["ports"]
    assert published == [f"127.0.0.1:{image_port()}:{image_port()}"]


def test_the_deployment_sets_resources_and_the_autoscaler_targets_it():
    (container,) = k8s_object("Deployment")["spec"]["template"]["spec"]["containers"]
    assert {"cpu", "memory"} <= set(container["resources"]["requests"])
    assert "memory" in container["resources"]["limits"]
    hpa = k8s_object("HorizontalPodAutoscaler")
    assert hpa["spec"]["scaleTargetRef"]["name"] == k8s_object("Deployment")["metadata"]["name"]
    assert 2 <= hpa["spec"]["minReplicas"] < hpa["spec"]["maxReplicas"]


def test_the_ingress_has_tls_for_its_host_and_sends_to_the_service():
    ingress = k8s_object("Ingress")
    (tls,) = ingress["spec"]["tls"]
    (rule,) = ingress["spec"]["rules"]
    assert rule["host"] in tls["hosts"]
    assert rule["host"] in k8s_object("ConfigMap")["data"]["ALLOWED_HOSTS"].split(",")
    backend = rule["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == k8s_object("Service")["metadata"]["name"]


# --- Migrations: once per release, never on every start ---


def test_migrations_are_a_release_step_in_compose_and_kubernetes():
    services = our_services()
    assert services["migrate"]["command"] == RELEASE
    assert services["migrate"]["restart"] == "no"
    assert services["app"]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }
    assert "command" not in services["app"]  # the image's gunicorn
    (job_container,) = k8s_object("Job", "portal-migrate")["spec"]["template"]["spec"]["containers"]
    assert job_container["command"] == RELEASE
    assert "migrate" not in " ".join(image_command())


def test_the_timers_run_commands_that_exist():
    from django.core.management import get_commands

    argvs = [
        doc["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["command"]
        for doc in k8s_objects()
        if doc["kind"] == "CronJob"
    ]
    commands = {argv[argv.index("manage.py") + 1] for argv in argvs}
    assert {"purge_personal_data", "empty_trash", "send_event_reminders", "send_digest"} <= commands
    assert commands <= set(get_commands())
    guide = (ROOT / "docs" / "deployment.md").read_text()
    for command in commands:
        assert f"manage.py {command}" in guide  # the systemd timers of one server too


# --- Images pinned to a version ---


def test_every_image_is_pinned_to_a_version():
    images = [service["image"] for service in compose()["services"].values()]
    images += re.findall(r"^ARG PYTHON_IMAGE=(\S+)$", (ROOT / "Dockerfile").read_text(), re.M)
    theirs = [image for image in images if not image.startswith(OUR_IMAGE)]
    assert len(theirs) == 3  # python, postgres, redis
    for image in theirs:
        tag = image.partition(":")[2]
        assert re.match(r"\d+\.\d+(\.\d+)?-", tag), image
    postgres = next(image for image in theirs if image.startswith("postgres:"))
    assert int(postgres.split(":")[1].split(".")[0]) >= 15
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    (ours,) = kustomization["images"]
    assert ours["name"] == OUR_IMAGE and re.match(r"\d", ours["newTag"])
    listed = set(kustomization["resources"])
    assert listed == {path.name for path in K8S.glob("*.yaml")} - {"kustomization.yaml"}
