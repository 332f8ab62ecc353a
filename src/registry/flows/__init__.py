"""Multi-step flows as Qt-free state machines; dialogs only render their steps."""
