"""The one packaging step pyproject.toml cannot declare: the dbt project and the notebooks stay at
the repository's top level (dbt's layout) and go into the wheel as package data under
wecheer/project/, where `wecheer.paths` finds them. An editable install uses the checkout itself.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

# What the `wecheer` commands read of the repository at run time.
PROJECT_PATHS = (
    "dbt_project.yml",
    "profiles.yml",
    "models",
    "macros",
    "seeds",
    "tests/dbt",
    "analyses",
    "notebooks",
)
PACKAGED_PROJECT = Path("wecheer", "project")


def project_files() -> list[Path]:
    """The files under PROJECT_PATHS, relative to the repository (hidden files and caches left
    out)."""
    files = []
    for name in PROJECT_PATHS:
        path = Path(name)
        found = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        files += [p for p in found if not any(part.startswith((".", "__")) for part in p.parts)]
    return files


class BuildPyWithProject(build_py):
    """build_py that also copies the project files into the built package."""

    def run(self):
        super().run()
        if self.editable_mode:
            return
        for source in project_files():
            target = Path(self.build_lib, PACKAGED_PROJECT, source)
            self.mkpath(str(target.parent))
            self.copy_file(str(source), str(target))

    def get_source_files(self):
        # an sdist carries them too, so a wheel built from it has the project
        return [*super().get_source_files(), *map(str, project_files())]


setup(cmdclass={"build_py": BuildPyWithProject})
