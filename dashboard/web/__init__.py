"""Everything Flask and HTTP: serving, security headers, the JSON API, oEmbed, downloads, static geometry, the command line and gunicorn settings."""
