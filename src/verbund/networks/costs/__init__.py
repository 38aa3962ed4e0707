"""Cost allocation of a network (docs/cost-allocation.md): budget items split over the
members by a key (equal parts, population, cases, usage), the live preview, closed
runs, statements per member; the engine (``allocation``) and its figures (``basis``)."""
