"""Adapters to distributed engines (``dask``: the optional extra ``ringkas[dask]``)."""
