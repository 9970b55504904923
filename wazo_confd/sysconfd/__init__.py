"""Asterisk reload requests for wazo-sysconfd, recorded with each change and relayed after commit."""
