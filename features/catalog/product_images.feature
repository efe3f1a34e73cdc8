@allure.label.owner:team-catalog @resilience
Feature: Product photos are kept whole, or not at all
  Staff add photos to a product; shoppers see them beside it. A photo is a file in the shop's
  storage and a record in its database. A file without its record fills the storage with
  photos nobody can see or delete; a record without its file shows shoppers a broken
  picture. So adding a photo keeps both or neither, and deleting a product takes its photos
  with it. After every scenario journeys checks that each stored file belongs to a product's
  photo and each photo's file is stored.

  Background:
    Given the shop sells these products:
      | product     | category | price | stock |
      | Linen Apron | Kitchen  | 18.00 | 4     |
    And Sam works in the warehouse
    And Paula is a registered shopper

  Rule: Staff add photos, at most eight a product, and shoppers see them exactly as sent

    Scenario: A photo added shows beside the product
      When Sam adds a photo of the Linen Apron
      Then Paula sees 1 photo of the Linen Apron, exactly as Sam sent it

    Scenario: The eighth photo is the last a product takes
      Given Sam has added 7 photos of the Linen Apron
      When Sam adds a photo of the Linen Apron
      Then Paula sees 8 photos of the Linen Apron, exactly as Sam sent them
      And Sam cannot add one more photo of the Linen Apron

  Rule: Only images are taken, and only from staff

    Scenario Outline: <persona> sends <upload>: it is <outcome>
      When <persona> tries to add <upload> to the Linen Apron
      Then <persona>'s photo is <outcome>

      Examples:
        | persona | upload                          | outcome                                 |
        | Sam     | a PNG photo                     | kept                                    |
        | Sam     | a JPEG photo                    | kept                                    |
        | Sam     | a WebP photo                    | kept                                    |
        | Sam     | a photo of exactly 64 KiB       | kept                                    |
        | Sam     | a photo of 64 KiB and one byte  | refused as too large                    |
        | Sam     | an empty photo                  | refused as empty                        |
        | Sam     | a text file sent as a PNG photo | refused as not an image                 |
        | Sam     | a PNG photo sent as a GIF       | refused as a kind the shop does not take |
        | Sam     | a sound sent as a WebP photo    | refused as not an image                 |
        | Paula   | a PNG photo                     | refused to a shopper                    |

  Rule: A photo is kept whole or not at all

    Scenario: The storage fails: no photo is kept, and no file
      Given the storage fails
      When Sam tries to add a photo of the Linen Apron
      Then Sam is told to try again later, and the Linen Apron is exactly as it was

    @in_process
    Scenario: The database fails after the file is stored: the file is removed again
      Given the database fails
      When Sam tries to add a photo of the Linen Apron
      Then Sam is told to try again later, and the Linen Apron is exactly as it was

  Rule: Deleting a product takes its photos with it; a product in an order is kept

    Scenario: A deleted product leaves no photo behind
      Given Sam has added 2 photos of the Linen Apron
      When Sam deletes the Linen Apron
      Then the Linen Apron is gone, with its photos

    Scenario: A deleted product leaves no cart holding it, and no viewer
      Given Paula has 2 Linen Aprons in her cart
      When Paula looks at the Linen Apron 1 time
      And Sam deletes the Linen Apron
      Then Paula's cart is empty

    Scenario: A deleted product leaves the rest of a cart as it was
      Given the shop sells these products:
        | product  | category | price | stock |
        | Blue Mug | Kitchen  | 12.50 | 10    |
      And Paula has 2 Linen Aprons and 1 Blue Mug in her cart
      When Sam deletes the Linen Apron
      Then Paula's cart holds 1 Blue Mug

    Scenario: A product in an order cannot be deleted, and keeps its photos
      Given Sam has added 2 photos of the Linen Apron
      And Paula has ordered 1 Linen Apron
      When Sam tries to delete the Linen Apron
      Then Sam is told to take it off sale instead, and the Linen Apron is exactly as it was

    @in_process
    Scenario Outline: The <part> fails while Sam deletes a product: it keeps every photo
      Given Sam has added 2 photos of the Linen Apron
      And the <part> fails
      When Sam tries to delete the Linen Apron
      Then Sam is told to try again later, and the Linen Apron is exactly as it was

      Examples:
        | part     |
        | storage  |
        | database |
        | cache    |
