"""Many boroughs at once: one PDF per borough file, in worker processes, errors holding a borough back."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from export.gate import gate_reasons, held_back
from model.atomic import atomic_write_bytes
from model.edition import EDITION_FILE, find_edition_folder
from model.storage import SaveError, load_borough, load_edition_content, save_error_from
from model.yaml_read import LoadError


@dataclass(frozen=True)
class Exported:
    """One written PDF."""

    slug: str
    path: Path
    output: Path


@dataclass
class BatchResult:
    """What a batch wrote, what it held back (slug, why), and whether it was cancelled."""

    exported: list[Exported] = field(default_factory=list)
    held_back: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    failed: list[tuple[str, str]] = field(default_factory=list)  # (slug, why): could not be written (disk full)


def export_one(path: Path, out_dir: Path, print_pdf: bool, force: bool,
               override_by: str = "", override_reason: str = "") -> tuple[str, str, str]:
    """In a worker: check and render one borough file. Returns (slug, output or "", why held back)."""
    from export.checking import borough_findings
    from export.pdf import final_pdf, render_leaflet

    slug = path.stem
    folder = find_edition_folder(path)
    if folder is None:
        return slug, "", f"no {EDITION_FILE} beside its boroughs/ folder"
    try:
        content = load_edition_content(folder / EDITION_FILE, folder).doc
        borough = load_borough(path, folder).doc
    except LoadError as exc:
        return slug, "", "cannot be read: " + exc.summary()
    # Rendered first: the PDF's own layout measurement is the layout check, so it is not laid out twice.
    rendered = render_leaflet(content, borough, folder, print_pdf=print_pdf)
    findings = borough_findings(content, borough, folder, layout=rendered.findings)
    overridden = bool(gate_reasons(content, borough, folder, findings, print_pdf=print_pdf))
    try:
        reasons = held_back(path, content, borough, folder, findings, print_pdf=print_pdf, force=force,
                            by=override_by, reason=override_reason or "batch export with --force")
    except (SaveError, LoadError) as exc:
        return slug, "", f"the print-gate override could not be recorded in the file: {exc}"
    if reasons:
        errors = [f for f in findings if f.severity == "error"]
        first = f", first: {errors[0].path}: {errors[0].message}" if errors else ""
        return slug, "", "; ".join(reasons) + first
    output = out_dir / f"{slug}.pdf"
    pdf = final_pdf(rendered, content, borough, folder, print_pdf=print_pdf, overridden=overridden)
    try:
        atomic_write_bytes(output, pdf)
    except OSError as exc:
        raise WriteFailed(f"{output} could not be written: {save_error_from(exc, output).what}") from None
    return slug, str(output), ""


class WriteFailed(Exception):
    """A worker rendered a PDF but could not write it (disk full, permission): a failure, not a hold-back."""


def _die_with_parent(parent: int) -> None:
    """Worker initialiser: a worker must not outlive the export (kill -9 of the parent included).

    On Linux the kernel kills the worker when its parent dies (PR_SET_PDEATHSIG); elsewhere the
    pool's own pipes end idle workers when the parent goes. A parent already gone ends it at once.
    """
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


def _cancelled(cancel: Any) -> bool:
    if cancel is None:
        return False
    return bool(cancel() if callable(cancel) else cancel.is_set())


def export_many(jobs: Sequence[Path], out_dir: Path, *, print_pdf: bool = False, workers: int = 0,
                progress: Callable[[int, int, str], None] | None = None, cancel: Any = None,
                force: bool = False, override_by: str = "", override_reason: str = "") -> BatchResult:
    """Export every borough file in `jobs` to `out_dir/<slug>.pdf` using a process pool.

    A borough with errors is held back, and for a print export one not approved (or approved
    before its latest change) too, unless `force`; a forced print export records the override
    (`override_by`, `override_reason`) in the borough file.

    `cancel` is an Event (or a callable returning bool): jobs not yet started are dropped.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [Path(p) for p in jobs]
    result = BatchResult()
    workers = max(1, min(workers or (os.cpu_count() or 1), len(paths) or 1))
    done = 0
    with ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
        pending: dict[Future[tuple[str, str, str]], Path] = {
            pool.submit(export_one, p, out_dir, print_pdf, force, override_by, override_reason): p for p in paths}
        while pending:
            finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            if _cancelled(cancel):
                result.cancelled = True
                for future in pending:
                    future.cancel()
            for future in finished:
                path = pending.pop(future)
                _record(result, path, future)
                done += 1
                if progress:
                    progress(done, len(paths), path.stem)
            pending = {f: p for f, p in pending.items() if not f.cancelled()}
    return result


def _record(result: BatchResult, path: Path, future: Future[tuple[str, str, str]]) -> None:
    try:
        slug, output, why = future.result()
    except WriteFailed as exc:
        result.failed.append((path.stem, str(exc)))
        return
    except Exception as exc:  # a worker crash holds back one borough, not the batch
        result.held_back.append((path.stem, f"export failed: {type(exc).__name__}: {exc}"))
        return
    if output:
        result.exported.append(Exported(slug, path, Path(output)))
    else:
        result.held_back.append((slug, why))
