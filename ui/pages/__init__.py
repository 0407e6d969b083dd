"""Form pages, one per leaflet section."""
