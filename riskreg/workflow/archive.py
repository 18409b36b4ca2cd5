"""Deterministic .tar.gz writing and safe reading: same content in, same bytes out."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import PurePosixPath

from riskreg.errors import InvalidInputError

MAX_MEMBER_SIZE = 64 * 1024 * 1024
MAX_MEMBERS = 20_000


def write_tar_gz(files: dict[str, bytes], mtime: int) -> bytes:
    """A gzipped tar of `files` (archive path -> bytes), sorted, owned by root, with one mtime."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in sorted(files):
            info = tarfile.TarInfo(name)
            info.size = len(files[name])
            info.mtime = mtime
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(files[name]))
    packed = io.BytesIO()
    with gzip.GzipFile(fileobj=packed, mode="wb", mtime=mtime, filename="") as stream:
        stream.write(raw.getvalue())
    return packed.getvalue()


def read_tar_gz(data: bytes, where: str, *, rooted: bool = False) -> dict[str, bytes]:
    """Every regular file of an archive; links, devices, absolute or `..` paths are refused.

    `rooted`: names may start with one `/` (as `opa build` writes them), read as relative.
    """
    files: dict[str, bytes] = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            for count, member in enumerate(tar):
                if rooted and member.name.startswith("/"):
                    member.name = member.name[1:]
                _check_member(member, count, where)
                if member.isdir():
                    continue
                handle = tar.extractfile(member)
                files[member.name.removeprefix("./")] = handle.read() if handle else b""
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise InvalidInputError(f"{where}: not a readable .tar.gz: {exc}") from None
    return files


def _check_member(member: tarfile.TarInfo, count: int, where: str) -> None:
    path = PurePosixPath(member.name)
    if count >= MAX_MEMBERS:
        raise InvalidInputError(f"{where}: more than {MAX_MEMBERS} files")
    if path.is_absolute() or ".." in path.parts:
        raise InvalidInputError(f"{where}: unsafe path {member.name!r} in archive")
    if not (member.isfile() or member.isdir()):
        raise InvalidInputError(f"{where}: {member.name!r} is not a regular file")
    if member.size > MAX_MEMBER_SIZE:
        raise InvalidInputError(f"{where}: {member.name!r} is larger than {MAX_MEMBER_SIZE} bytes")
