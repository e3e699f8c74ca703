"""Everything Flask and HTTP: serving, security headers, callback validation, the JSON API,
oEmbed, downloads, static geometry, the command line and gunicorn settings."""
