"""Validating riskreg's own documents (AIDeployment) against their model before OPA sees them."""

from __future__ import annotations

from riskreg.errors import InvalidInputError
from riskreg.manifests.loader import Document

AI_API_VERSION = "riskreg/v1"


def _format_location(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location) or "<document>"


def validate_documents(documents: list[Document]) -> list[Document]:
    """Check every `riskreg/v1` document against its model; unknown fields are errors with a path."""
    from pydantic import ValidationError

    from riskreg.models.manifest import AIDeployment

    for document in documents:
        if document.contents.get("apiVersion") != AI_API_VERSION:
            continue
        if document.kind != "AIDeployment":
            raise InvalidInputError(
                f"{document.path}:{document.line}: kind: {document.kind!r} is not a riskreg/v1 kind",
                hint="riskreg/v1 defines only AIDeployment",
            )
        try:
            AIDeployment.model_validate(document.contents)
        except ValidationError as exc:
            first = exc.errors()[0]
            more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
            raise InvalidInputError(
                f"{document.path}:{document.line}: {_format_location(first['loc'])}: {first['msg']}{more}",
                hint="see the AIDeployment reference in the README",
            ) from None
    return documents
