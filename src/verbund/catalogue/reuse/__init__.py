"""What a network reuses (Nachnutzung): the reuse report of a network, the development
cost it avoided, and the reuse figures on the network's page and dashboard (panels in
``networks.hooks``). A report of the catalogue about a network: the networks, below
the catalogue, do not know its services."""
