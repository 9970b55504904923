"""Data files shipped with wazo-confd (the res_pjsip option names: pjsip_doc.json)."""
