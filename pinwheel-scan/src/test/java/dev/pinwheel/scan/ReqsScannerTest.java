package dev.pinwheel.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinwheel.packaging.ProjectName;
import dev.pinwheel.testkit.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReqsScannerTest {

    @TempDir
    Path tmp;

    private void file(String rel, String content) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private void bytes(String rel, byte[] content) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
    }

    private static InstalledDistributions.Installed dist(String name, String version, String... files) {
        return new InstalledDistributions.Installed(ProjectName.parse(name), version, List.of(files), List.of());
    }

    /** An environment like one a team syncs for the reference backend. */
    private static TargetEnvironment backendEnv() {
        return new TargetEnvironment("fake venv", "3.11", Optional.empty(), InstalledDistributions.index(List.of(
                dist("fastapi", "0.115.5", "fastapi/__init__.py", "fastapi/routing.py"),
                dist("SQLAlchemy", "2.0.36", "sqlalchemy/__init__.py", "sqlalchemy/ext/asyncio/__init__.py"),
                dist("pydantic", "2.10.3", "pydantic/__init__.py"),
                dist("pydantic-settings", "2.6.1", "pydantic_settings/__init__.py"),
                dist("PyJWT", "2.10.1", "jwt/__init__.py", "PyJWT-2.10.1.dist-info/RECORD"),
                dist("python-dotenv", "1.0.1", "dotenv/__init__.py", "../../../bin/dotenv"),
                dist("passlib", "1.7.4", "passlib/__init__.py", "passlib/context.py"),
                dist("asyncpg", "0.30.0", "asyncpg/__init__.py"),
                dist("alembic", "1.14.0", "alembic/__init__.py", "alembic/context.py"),
                dist("httpx", "0.28.1", "httpx/__init__.py"),
                dist("pytest", "8.3.4", "pytest/__init__.py", "_pytest/__init__.py", "py.py"),
                dist("uvicorn", "0.32.1", "uvicorn/__init__.py"))));
    }

    private static String render(ReqsResult r) {
        return "runtime:\n" + RequirementsWriter.render(r.runtime(), PinMode.EQ)
                + "dev:\n" + RequirementsWriter.render(r.dev(), PinMode.EQ)
                + "warnings:\n" + String.join("\n", r.warnings()) + (r.warnings().isEmpty() ? "" : "\n")
                + "notes:\n" + String.join("\n", r.notes()) + (r.notes().isEmpty() ? "" : "\n")
                + "files: " + r.filesScanned() + "\n";
    }

    private ReqsResult scan(Optional<TargetEnvironment> target, String... ignore) {
        return ReqsScanner.scan(new ReqsRequest(tmp, List.of(ignore), Optional.empty(), target), ReqsScanner.Listener.NONE);
    }

    private void fastapiBackend() throws IOException {
        file("app/__init__.py", "");
        file("app/main.py", """
                from fastapi import FastAPI
                from app.api import routes
                from .core.config import settings
                import uvicorn  # not installed as imported name? it is: uvicorn

                app = FastAPI()
                """);
        file("app/api/__init__.py", "");
        file("app/api/routes.py", """
                import jwt
                from passlib.context import CryptContext
                from dotenv import load_dotenv
                pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")
                """);
        file("app/core/__init__.py", "");
        file("app/core/config.py", """
                import os
                from typing import TYPE_CHECKING
                from pydantic import BaseModel, EmailStr
                from pydantic_settings import BaseSettings
                if TYPE_CHECKING:
                    from sqlalchemy.engine import Engine
                try:
                    import orjson
                except ImportError:
                    orjson = None

                class Settings(BaseSettings):
                    database_url: str = "postgresql+psycopg://user:pwd@localhost:5432/db"

                class UserIn(BaseModel):
                    email: EmailStr

                settings = Settings()
                """);
        file("app/core/db.py", """
                from sqlalchemy.ext.asyncio import create_async_engine
                engine = create_async_engine(os.environ["ASYNC_DATABASE_URL"])
                """);
        file("app/models/__init__.py", "from sqlalchemy.orm import DeclarativeBase\nclass Base(DeclarativeBase):\n    pass\n");
        file("migrations/env.py", "from alembic import context\nfrom app.models import Base\n");
        file("migrations/versions/0001_init.py", "import sqlalchemy as sa\nfrom alembic import op\n");
        file("tests/conftest.py", "import pytest\nfrom httpx import AsyncClient\n");
        file("tests/test_users.py", "import pytest\nfrom app.main import app\nimport respx\n");
        file(".env", """
                # database for migrations (sync driver) and for the app (async driver)
                DATABASE_URL=postgresql+psycopg://user:pwd@localhost:5432/db
                ASYNC_DATABASE_URL=postgresql+asyncpg://user:pwd@localhost:5432/db
                """);
        file(".gitignore", ".env\n.venv/\n__pycache__/\n");
        file("alembic.ini", "[alembic]\nscript_location = migrations\n# sqlalchemy.url = mysql+pymysql://commented/out\n");
        file("Dockerfile", "FROM python:3.11-slim\nCOPY . /app\nCMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n");
        file("pyproject.toml", "[tool.pytest.ini_options]\nasyncio_mode = \"auto\"\n\n[tool.ruff]\nline-length = 100\n");
        // A virtualenv inside the project must never be scanned.
        file(".venv/pyvenv.cfg", "home = /usr/bin\n");
        file(".venv/lib/python3.11/site-packages/requests/__init__.py", "import urllib3\n");
    }

    @Test
    void fastapiBackendWithTargetEnvironment() throws IOException {
        fastapiBackend();
        Golden.assertMatches("reqs/fastapi-env.txt", render(scan(Optional.of(backendEnv()))));
    }

    @Test
    void fastapiBackendWithoutEnvironment() throws IOException {
        fastapiBackend();
        Golden.assertMatches("reqs/fastapi-no-env.txt", render(scan(Optional.empty())));
    }

    @Test
    void djangoProject() throws IOException {
        file("manage.py", """
                #!/usr/bin/env python
                import os, sys
                def main():
                    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
                    from django.core.management import execute_from_command_line
                    execute_from_command_line(sys.argv)
                """);
        file("mysite/__init__.py", "");
        file("mysite/settings.py", """
                import environ
                INSTALLED_APPS = ["django.contrib.admin", "rest_framework", "corsheaders", "polls"]
                DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "mysite"}}
                """);
        file("mysite/wsgi.py", "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n");
        file("polls/__init__.py", "");
        file("polls/models.py", "from django.db import models\n");
        file("polls/views.py", "from rest_framework import viewsets\nfrom .models import Question\nimport polls.models\n");
        file("polls/tests.py", "from django.test import TestCase\nimport factory\n");
        file("Procfile", "web: gunicorn mysite.wsgi --log-file -\n");
        file("setup.cfg", "[flake8]\nmax-line-length = 100\n[tool:pytest]\nDJANGO_SETTINGS_MODULE = mysite.settings\n");
        Golden.assertMatches("reqs/django.txt", render(scan(Optional.empty())));
    }

    @Test
    void srcLayoutLibrary() throws IOException {
        file("pyproject.toml", "[project]\nname = \"mylib\"\n[tool.mypy]\nstrict = true\n");
        file("src/mylib/__init__.py", "from mylib.core import run\nfrom mylib import _compat\n");
        file("src/mylib/core.py", "import attr\nimport numpy as np\nfrom mylib._compat import cached\n");
        file("src/mylib/_compat.py", """
                import sys
                if sys.version_info >= (3, 11):
                    import tomllib
                else:
                    import tomli as tomllib
                try:
                    from functools import cache as cached
                except ImportError:
                    from backports.functools import cache as cached
                """);
        file("tests/test_core.py", "import mylib\nimport hypothesis\nfrom mylib.core import run\n");
        file("docs/conf.py", "import sphinx_rtd_theme\n");
        file("scripts/release.py", "import helpers\nimport click\n");
        file("scripts/helpers.py", "import subprocess\n");
        Golden.assertMatches("reqs/src-layout.txt", render(scan(Optional.empty())));
    }

    @Test
    void notebooks() throws IOException {
        file("analysis.ipynb", """
                {
                 "cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["import not_code\\n"]},
                  {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
                   "source": ["%matplotlib inline\\n", "!pip install seaborn\\n", "import pandas as pd\\n", "import matplotlib.pyplot as plt"]},
                  {"metadata": {}, "source": "from sklearn.linear_model import LinearRegression\\nimport cv2\\n", "cell_type": "code", "outputs": []},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["%%bash\\n", "python -c 'import fake'\\n"]},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["%%time\\n", "import scipy\\n"]}
                 ],
                 "metadata": {"kernelspec": {"language": "python"}},
                 "nbformat": 4, "nbformat_minor": 5
                }
                """);
        file(".ipynb_checkpoints/analysis-checkpoint.ipynb", "{\"cells\": [{\"cell_type\": \"code\", \"source\": \"import stale\"}]}");
        file("broken.ipynb", "{\"cells\": [ {\"cell_type\": ");
        Golden.assertMatches("reqs/notebooks.txt", render(scan(Optional.empty())));
    }

    @Test
    void brokenFilesAreWarningsAndTheScanGoesOn() throws IOException {
        file("good.py", "import requests\n");
        bytes("latin.py", "# a comment: caf\u00e9\nimport chardet\n".getBytes(StandardCharsets.ISO_8859_1));
        bytes("declared.py", "# -*- coding: latin-1 -*-\n# caf\u00e9\nimport lxml\n".getBytes(StandardCharsets.ISO_8859_1));
        file("syntax.py", "import click\ndef f(:\n    x = 'unterminated\nimport rich\n");
        file("indent.py", "import toml\n  import yaml\n");
        Golden.assertMatches("reqs/broken.txt", render(scan(Optional.empty())));
    }

    @Test
    void encodingOptionReadsFilesWithoutADeclaration() throws IOException {
        bytes("latin.py", "# caf\u00e9\nimport chardet\n".getBytes(StandardCharsets.ISO_8859_1));
        ReqsResult r = ReqsScanner.scan(new ReqsRequest(tmp, List.of(), Optional.of(StandardCharsets.ISO_8859_1),
                Optional.empty()), ReqsScanner.Listener.NONE);
        assertThat(r.warnings()).isEmpty();
        assertThat(r.runtime()).extracting(n -> n.name().toString()).containsExactly("chardet");
    }

    @Test
    void walkSkipsVenvsGitignoredAndIgnoredDirectories() throws IOException {
        file("main.py", "import requests\n");
        file("env2/pyvenv.cfg", "");
        file("env2/lib/x.py", "import fromvenv\n");
        file("conda/conda-meta/history", "");
        file("conda/lib/y.py", "import fromconda\n");
        file("node_modules/pkg/z.py", "import fromnode\n");
        file("build/lib/b.py", "import frombuild\n");
        file("mypkg.egg-info/c.py", "import fromegginfo\n");
        file(".gitignore", "/generated/\n*.tmp.py\nlogs/**\n!keep.tmp.py\n");
        file("generated/g.py", "import fromgenerated\n");
        file("sub/generated/ok.py", "import notanchored\n");
        file("a.tmp.py", "import fromtmp\n");
        file("keep.tmp.py", "import kept\n");
        file("vendor/.gitignore", "*\n!important.py\n");
        file("vendor/other.py", "import fromvendor\n");
        file("vendor/important.py", "import important_dep\n");
        file("third_party/t.py", "import fromthirdparty\n");
        file("deep/skipme/s.py", "import fromskipme\n");
        ReqsResult r = scan(Optional.empty(), "third_party", "deep/skipme");
        assertThat(r.runtime()).extracting(n -> n.name().toString())
                .containsExactly("important-dep", "kept", "notanchored", "requests");
    }

    @Test
    void outputIsDeterministic() throws IOException {
        fastapiBackend();
        String first = render(scan(Optional.of(backendEnv())));
        for (int i = 0; i < 3; i++) {
            assertThat(render(scan(Optional.of(backendEnv())))).isEqualTo(first);
        }
    }

    @Test
    void stdlibOfTheTargetVersionDecides() throws IOException {
        file("m.py", "import tomllib\nimport distutils\n");
        TargetEnvironment py38 = new TargetEnvironment("old", "3.8", Optional.empty(), InstalledDistributions.none());
        TargetEnvironment py312 = new TargetEnvironment("new", "3.12.1", Optional.empty(), InstalledDistributions.none());
        TargetEnvironment asked = new TargetEnvironment("asked", "3.11.7", Optional.of(Set.of("tomllib")), InstalledDistributions.none());
        assertThat(scan(Optional.of(py38)).runtime()).extracting(n -> n.name().toString()).containsExactly("tomllib");
        assertThat(scan(Optional.of(py312)).runtime()).extracting(n -> n.name().toString()).containsExactly("distutils");
        assertThat(scan(Optional.of(asked)).runtime()).extracting(n -> n.name().toString()).containsExactly("distutils");
    }

    @Test
    void devPaths() {
        assertThat(ReqsScanner.isDevPath("tests/test_a.py")).isTrue();
        assertThat(ReqsScanner.isDevPath("pkg/tests/helpers.py")).isTrue();
        assertThat(ReqsScanner.isDevPath("conftest.py")).isTrue();
        assertThat(ReqsScanner.isDevPath("pkg/test_x.py")).isTrue();
        assertThat(ReqsScanner.isDevPath("pkg/x_test.py")).isTrue();
        assertThat(ReqsScanner.isDevPath("docs/conf.py")).isTrue();
        assertThat(ReqsScanner.isDevPath("nb/test_plot.ipynb[3]")).isFalse();
        assertThat(ReqsScanner.isDevPath("app/testing_utils.py")).isFalse();
        assertThat(ReqsScanner.isDevPath("app/contest.py")).isFalse();
    }
}
