"""wazo-confd: the configuration daemon of a Wazo telephony platform."""

__version__ = '1.1.0'
