// The object the precompiled headers are built with; it holds no code.
