"""The AWS layer every resource and data source shares: clients, the model, calls and their errors.

- ``clients`` — the service's clients (made lazily per host process, never pickled) and region
  resolution;
- ``sessions`` — the process's one botocore session, which every client, model and region list comes from;
- ``model`` — the installed botocore's WorkSpaces Instances model, the source of every limit and enum;
- ``unmodeled`` — ManagedInstance members newer than the installed botocore;
- ``rules`` — the EC2 cross-field rules the model cannot express, each citing its source;
- ``waiter`` — backoff, deadlines and retries; ``errors`` — one-line errors for failed calls;
- ``tokens`` — ClientTokens and the claim tag that make creates crash-safe;
- ``tagging`` — tag changes with the fewest calls; ``ec2`` — the EC2 reads (volumes, instances)
  and tag calls; ``preflight`` — the once-per-endpoint reachability and credentials probe.

May import :mod:`..reporting` only (and the package's shared ``ebs_limits``): nothing here knows a
resource's property bag.
"""
