"""What the site says: the plan of pages and its registry (base), the views, and one module per family of
pages, with their templates beside them. Reads the data stage; knows nothing of MkDocs."""
