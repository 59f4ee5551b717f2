"""Acting on Facebook Pages and Instagram professional accounts through Meta's Graph API."""
