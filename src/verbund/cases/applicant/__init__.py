"""The applicant's side of a case, behind the status link of their application.

The status page itself belongs to applications (the lower app); this sub-domain
adds its panels (the Bescheid, open questions of the authority, the public
history: ``panels.py``, registered in ``CasesConfig.ready()``) and the pages the
applicant reaches from there: answering a question with text and files, and
downloading the Bescheid. Access is the status link's secret
(``applications.links.submission_of_status_link``): a wrong secret and an
unknown reference both answer 404.
"""
