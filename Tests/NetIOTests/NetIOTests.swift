// Tests for NetIO.
