"""The Trust's own bids: the bid window (opportunity, questions, responses, stage), the response editor, the
commitment library and the bid rows of the main list."""
