"""The recruitment pages' forms, one module per feature (the workspace's own forms are in `recruitment.admin`)."""
