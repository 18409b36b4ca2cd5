"""Validating riskreg's own documents (AIDeployment) against their model before OPA sees them."""

from __future__ import annotations

from riskreg.errors import InvalidInputError
from riskreg.manifests.loader import Document

AI_API_VERSION = "riskreg/v1"
SUPPORTED = {AI_API_VERSION: ("AIDeployment",)}


def _format_location(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location) or "<document>"


def validate_documents(documents: list[Document]) -> list[Document]:
    """Check every `riskreg/v1` document against its model; unknown fields are errors with a path."""
    from pydantic import ValidationError

    from riskreg.models.manifest import AIDeployment

    for document in documents:
        if not _claims_riskreg(document):
            continue
        _require_supported_version(document)
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


def _claims_riskreg(document: Document) -> bool:
    """A document meant for riskreg: its API group is riskreg's in any spelling, or its kind is
    AIDeployment in any case. Such a document is never passed over: controls ignore what they
    do not recognise, so an unsupported version would otherwise pass unexamined."""
    api_version = document.contents.get("apiVersion")
    group = str(api_version).split("/", 1)[0].strip().lower() if api_version is not None else ""
    return "riskreg" in group or document.kind.strip().lower() == "aideployment"


def _require_supported_version(document: Document) -> None:
    api_version = document.contents.get("apiVersion")
    if api_version in SUPPORTED:
        return
    supported = ", ".join(f"{version} ({', '.join(kinds)})" for version, kinds in SUPPORTED.items())
    raise InvalidInputError(
        f"{document.path}:{document.line}: apiVersion: {api_version!r} is not a version riskreg "
        f"supports for kind {document.kind!r}",
        hint=f"supported: {supported}",
    )
