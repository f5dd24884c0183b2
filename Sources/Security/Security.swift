// The Security module; see docs/SECURITY.md.
