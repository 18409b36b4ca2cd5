"""Reading the workflow's small YAML/JSON files into models, one `file: loc: message` per problem."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from riskreg.errors import InvalidInputError

ModelT = TypeVar("ModelT", bound=BaseModel)
MAX_FILE_SIZE = 8 * 1024 * 1024


def read_model(path: Path, model: type[ModelT]) -> ModelT:
    """Parse `path` (YAML, so JSON too) with a safe loader and validate it as `model`."""
    try:
        if path.stat().st_size > MAX_FILE_SIZE:
            raise InvalidInputError(f"{path}: larger than {MAX_FILE_SIZE} bytes")
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidInputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InvalidInputError(f"{path}: not UTF-8") from None
    except yaml.YAMLError as exc:
        raise InvalidInputError(f"{path}: not valid YAML: {_first_line(exc)}") from None
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise InvalidInputError(_describe(path, exc)) from None


def _first_line(exc: Exception) -> str:
    return str(getattr(exc, "problem", None) or exc).splitlines()[0]


def _describe(path: Path, exc: ValidationError) -> str:
    problems = []
    for error in exc.errors():
        loc = ".".join(str(part) for part in error["loc"]) or "(file)"
        problems.append(f"{path}: {loc}: {error['msg']}")
    return "; ".join(problems)
