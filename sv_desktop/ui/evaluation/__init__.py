"""The evaluation of bids for one tender: bidders and panel, individual scores, moderation and results."""
