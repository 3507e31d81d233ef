-- How a save was made: 'reaction' when a reaction made it (removing a reaction un-saves only those), else null.
ALTER TABLE saves ADD COLUMN via text;
