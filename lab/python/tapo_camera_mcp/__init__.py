"""Lab stand-in for the tapo-camera-mcp dashboard (same module path, API and log shapes)."""

__version__ = "1.0.0"
