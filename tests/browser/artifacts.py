"""Where browser tests leave screenshots for a person to look at (git ignores the folder)."""

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def shoot(page, name, full_page=True):
    """Save a screenshot of `page` as tests/artifacts/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)
