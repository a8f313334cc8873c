"""The site's search: Pagefind's index over the built pages, with the site's own words for compounds and synonyms."""
